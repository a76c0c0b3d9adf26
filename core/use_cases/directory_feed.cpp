// The HSDS feed's reads: see directory_feed.hpp.
#include "core/use_cases/directory_feed.hpp"

#include <utility>

namespace enlace::core {

Result<HsdsOrganizationSource> gather_hsds_organization(DirectoryReader& reader,
                                                        const std::string& id) {
  auto org = reader.organization(id);
  if (!org) return org.error();
  HsdsOrganizationSource out{std::move(*org), {}};
  out.home = reader.territory_path(out.record.organization.territory_id);
  return out;
}

Result<HsdsServiceSource> gather_hsds_service(DirectoryReader& reader, const std::string& id) {
  auto service = reader.service(id);
  if (!service) return service.error();
  auto org = gather_hsds_organization(reader, service->listing.organization_id);
  if (!org) return org.error();
  HsdsServiceSource out{std::move(*service), std::move(*org), {}, {}};
  out.category_name = out.record.listing.category;
  const auto categories = reader.categories();
  for (const auto& c : categories)
    if (c.code == out.record.listing.category) out.category_name = c.name;
  for (const auto& t : out.record.listing.territory_ids)
    out.areas.push_back(reader.territory_path(t));
  return out;
}

Result<HsdsOrganizationWithServices> gather_hsds_organization_with_services(
    DirectoryReader& reader, const std::string& id) {
  auto org = gather_hsds_organization(reader, id);
  if (!org) return org.error();
  HsdsOrganizationWithServices out{std::move(*org), {}};
  for (const auto& sid : reader.service_ids_of(id)) {
    auto s = gather_hsds_service(reader, sid);
    if (!s) return s.error();
    out.services.push_back(std::move(*s));
  }
  return out;
}

namespace {

// The window's ids, each gathered; the first that fails fails the page.
template <class T, class Gather>
Result<FeedPage<T>> gathered(const FeedIds& ids, Gather gather) {
  FeedPage<T> page{ids.total, {}};
  for (const auto& id : ids.ids) {
    auto item = gather(id);
    if (!item) return item.error();
    page.items.push_back(std::move(*item));
  }
  return page;
}

}  // namespace

Result<FeedPage<HsdsServiceSource>> hsds_service_page(DirectoryReader& reader,
                                                      const FeedWindow& window) {
  return gathered<HsdsServiceSource>(reader.feed_services(window), [&](const std::string& id) {
    return gather_hsds_service(reader, id);
  });
}

Result<FeedPage<HsdsOrganizationSource>> hsds_organization_page(DirectoryReader& reader,
                                                                const FeedWindow& window) {
  return gathered<HsdsOrganizationSource>(
      reader.feed_organizations(window),
      [&](const std::string& id) { return gather_hsds_organization(reader, id); });
}

}  // namespace enlace::core
