// An in-memory directory for the use-case tests, answering as the SQL adapter does
// (storage/sql_directory_store.hpp): inserts and updates check that what a record names
// exists (422 naming the field), updates check the version (412), unknown ids are not_found.
// Lists follow the repositories: ordered by id (code), after the cursor, limit + 1 rows.
// It also holds the organisations' webhooks (core/ports/webhook_store.hpp), scoped by the
// organisation as storage/sql_webhook_store.hpp does: another organisation's is not_found.
#pragma once

#include "core/ports/directory_store.hpp"
#include "core/ports/webhook_store.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace enlace::core::testing {

class MemoryDirectory final : public DirectoryStore,
                              public DirectoryReader,
                              public WebhookStore,
                              public WebhookReader {
 public:
  std::map<std::string, ServiceRecord> service_rows;
  std::map<std::string, OrganizationRecord> organization_rows;
  std::map<std::string, TerritoryRecord> territory_rows;
  std::map<std::string, CategoryRecord> category_rows;
  std::vector<ServiceFilter> service_queries;  // as asked, to check what a use case filled in
  std::map<std::string, WebhookRecord> webhook_rows;
  std::map<std::string, std::vector<WebhookDeliveryRecord>> delivery_rows;  // by webhook id

  MemoryDirectory() {
    for (const char* code : {"shelter", "health"}) category_rows[code] = {code, code, {}};
    Territory country{"Ecuador", TerritoryLevel::country, std::nullopt, "EC", std::nullopt};
    territory_rows["t-ec"] = {"t-ec", country, 1, {}, {}};
    Territory city{"Quito", TerritoryLevel::municipality, std::string("t-ec"), std::nullopt, std::nullopt};
    territory_rows["t-quito"] = {"t-quito", city, 1, {}, {}};
    for (const char* id : {"org-a", "org-b"}) {
      Organization o;
      o.name = std::string("Organisation ") + id;
      o.territory_id = "t-quito";
      organization_rows[id] = {id, o, 1, {}, {}};
    }
  }

  Result<ServiceRecord> find_service(const std::string& id) override { return service(id); }
  Result<ServiceRecord> insert_service(const std::string& id, const ServiceListing& s,
                                       Timestamp now) override {
    if (auto bad = check(s)) return *bad;
    ServiceRecord r{id, s, std::nullopt, 1, now, now};
    if (s.capacity_available) r.capacity_updated_at = now;
    return service_rows[id] = r;
  }
  Result<ServiceRecord> update_service(const std::string& id, std::int64_t version,
                                       const ServiceListing& s, Timestamp now) override {
    auto it = service_rows.find(id);
    if (it == service_rows.end()) return Error::not_found("service");
    if (it->second.version != version) return Error::stale();
    if (auto bad = check(s)) return *bad;
    ServiceRecord& r = it->second;
    if (s.capacity_available != r.listing.capacity_available) r.capacity_updated_at = now;
    r.listing = s;
    r.version += 1;
    r.updated_at = now;
    return r;
  }
  Result<ServiceRecord> mark_service_verified(const std::string& id, Timestamp now) override {
    auto it = service_rows.find(id);
    if (it == service_rows.end()) return Error::not_found("service");
    it->second.listing.last_verified_at = now;
    it->second.version += 1;
    it->second.updated_at = now;
    return it->second;
  }

  Result<OrganizationRecord> find_organization(const std::string& id) override {
    return organization(id);
  }
  Result<OrganizationRecord> insert_organization(const std::string& id, const Organization& o,
                                                 Timestamp now) override {
    if (auto bad = check(o)) return *bad;
    return organization_rows[id] = OrganizationRecord{id, o, 1, now, now};
  }
  Result<OrganizationRecord> update_organization(const std::string& id, std::int64_t version,
                                                 const Organization& o, Timestamp now) override {
    auto it = organization_rows.find(id);
    if (it == organization_rows.end()) return Error::not_found("organization");
    if (it->second.version != version) return Error::stale();
    if (auto bad = check(o)) return *bad;
    it->second.organization = o;
    it->second.version += 1;
    it->second.updated_at = now;
    return it->second;
  }

  bool territory_exists(const std::string& id) override { return territory_rows.count(id) > 0; }
  bool category_exists(const std::string& code) override { return category_rows.count(code) > 0; }
  Result<TerritoryRecord> insert_territory(const std::string& id, const Territory& t,
                                           Timestamp now) override {
    if (t.parent_id && !territory_rows.count(*t.parent_id))
      return Error::invalid_field("parent_id", "does not exist");
    return territory_rows[id] = TerritoryRecord{id, t, 1, now, now};
  }
  Result<CategoryRecord> insert_category(const CategoryRecord& c) override {
    if (category_rows.count(c.code)) return Error::invalid_field("code", "is taken");
    return category_rows[c.code] = c;
  }

  std::vector<ServiceRecord> services(const ServiceFilter& f) override {
    service_queries.push_back(f);
    return page(service_rows, f.after, f.limit);
  }
  Result<ServiceRecord> service(const std::string& id) override {
    auto it = service_rows.find(id);
    if (it == service_rows.end()) return Error::not_found("service");
    return it->second;
  }
  std::vector<OrganizationRecord> organizations(const std::string& after, int limit) override {
    return page(organization_rows, after, limit);
  }
  Result<OrganizationRecord> organization(const std::string& id) override {
    auto it = organization_rows.find(id);
    if (it == organization_rows.end()) return Error::not_found("organization");
    return it->second;
  }
  std::vector<TerritoryRecord> territories(const TerritoryFilter& f) override {
    std::vector<TerritoryRecord> out;
    for (const auto& [id, t] : territory_rows)
      if (id > f.after && (!f.parent_id || t.territory.parent_id == f.parent_id) &&
          static_cast<int>(out.size()) <= f.limit)
        out.push_back(t);
    return out;
  }
  std::vector<CategoryRecord> categories() override { return page(category_rows, "", 1000); }

  FeedIds feed_services(const FeedWindow& w) override { return window(service_rows, w); }
  FeedIds feed_organizations(const FeedWindow& w) override {
    return window(organization_rows, w);
  }
  std::vector<std::string> service_ids_of(const std::string& organization_id) override {
    std::vector<std::string> out;
    for (const auto& [id, s] : service_rows)
      if (s.listing.organization_id == organization_id) out.push_back(id);
    return out;
  }
  std::vector<TerritoryRecord> territory_path(const std::string& territory_id) override {
    std::vector<TerritoryRecord> out;
    for (auto it = territory_rows.find(territory_id); it != territory_rows.end();) {
      out.push_back(it->second);
      if (!it->second.territory.parent_id) break;
      it = territory_rows.find(*it->second.territory.parent_id);
    }
    return out;
  }

  std::int64_t count_webhooks(const std::string& organization_id) override {
    return static_cast<std::int64_t>(webhooks(organization_id).size());
  }
  WebhookRecord insert_webhook(const std::string& organization_id, const WebhookDraft& d,
                               const std::string&, Timestamp now) override {
    return webhook_rows[d.id] = WebhookRecord{d.id, organization_id, d.url, d.events, now, {}, {}};
  }
  Result<bool> remove_webhook(const std::string& organization_id,
                              const std::string& webhook_id) override {
    auto it = webhook_rows.find(webhook_id);
    if (it == webhook_rows.end() || it->second.organization_id != organization_id)
      return Error::not_found("webhook");
    webhook_rows.erase(it);
    delivery_rows.erase(webhook_id);
    return true;
  }
  bool organization_exists(const std::string& organization_id) override {
    return organization_rows.count(organization_id) > 0;
  }
  std::vector<WebhookRecord> webhooks(const std::string& organization_id) override {
    std::vector<WebhookRecord> out;
    for (const auto& [id, w] : webhook_rows)
      if (w.organization_id == organization_id) out.push_back(w);
    return out;
  }
  Result<std::vector<WebhookDeliveryRecord>> webhook_deliveries(
      const std::string& organization_id, const std::string& webhook_id) override {
    auto it = webhook_rows.find(webhook_id);
    if (it == webhook_rows.end() || it->second.organization_id != organization_id)
      return Error::not_found("webhook");
    return delivery_rows[webhook_id];
  }

 private:
  // Ids by offset, ordered by id, changed on or after modified_after.
  template <class Row>
  static FeedIds window(const std::map<std::string, Row>& rows, const FeedWindow& w) {
    FeedIds out;
    for (const auto& [id, row] : rows) {
      if (w.modified_after && row.updated_at < *w.modified_after) continue;
      if (out.total >= w.offset && static_cast<std::int64_t>(out.ids.size()) < w.limit)
        out.ids.push_back(id);
      ++out.total;
    }
    return out;
  }
  template <class Row>
  static std::vector<Row> page(const std::map<std::string, Row>& rows, const std::string& after,
                               int limit) {
    std::vector<Row> out;
    for (auto it = rows.upper_bound(after);
         it != rows.end() && static_cast<int>(out.size()) <= limit; ++it)
      out.push_back(it->second);
    return out;
  }
  std::optional<Error> check(const ServiceListing& s) const {
    FieldErrors errors;
    if (!organization_rows.count(s.organization_id))
      errors.add("organization_id", "does not exist");
    if (!category_rows.count(s.category)) errors.add("category", "is not a known category");
    for (std::size_t i = 0; i < s.territory_ids.size(); ++i)
      if (!territory_rows.count(s.territory_ids[i]))
        errors.add("territory_ids[" + std::to_string(i) + "]", "does not exist");
    if (errors.empty()) return std::nullopt;
    return Error::invalid(std::move(errors));
  }
  std::optional<Error> check(const Organization& o) const {
    FieldErrors errors;
    if (!territory_rows.count(o.territory_id)) errors.add("territory_id", "does not exist");
    if (o.parent_id && !organization_rows.count(*o.parent_id))
      errors.add("parent_id", "does not exist");
    if (errors.empty()) return std::nullopt;
    return Error::invalid(std::move(errors));
  }
};

}  // namespace enlace::core::testing
