// Enlace <-> HSDS 3.0: see hsds_json.hpp.
#include "gateway/hsds_json.hpp"

#include "core/hsds_terms.hpp"
#include "core/opening_hours.hpp"
#include "gateway/random.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace enlace::gateway {

namespace bj = boost::json;

namespace {

constexpr const char* kPathExtent = "enlace_territory_path";
constexpr const char* kCapacityTerm = "enlace:capacity_available";
constexpr const char* kAcceptingTerm = "enlace:accepting";
constexpr const char* kKindTerm = "enlace:organization_kind";
constexpr const char* kTerritoryTerm = "enlace:territory";
constexpr const char* kCategoryTaxonomy = "Enlace service categories";

// A UUID (RFC 9562 version 8, name-based) made from `seed`: the same seed, the same id.
std::string derived_id(std::string_view seed) {
  std::string hex = to_hex(sha256(seed)).substr(0, 32);
  hex[12] = '8';
  hex[16] = "89ab"[(hex[16] - '0') & 3];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string child_id(const std::string& owner, std::string_view what, std::size_t i = 0) {
  return derived_id(owner + "/" + std::string(what) + "/" + std::to_string(i));
}

void put(bj::object& o, const char* key, const std::optional<std::string>& v) {
  if (v) o[key] = *v;
}

bj::object term(const std::string& code, const std::string& name, const std::string& description,
                const char* taxonomy = nullptr) {
  bj::object t{{"id", derived_id("taxonomy_term/" + code)},
               {"code", code},
               {"name", name},
               {"description", description}};
  if (taxonomy) t["taxonomy"] = taxonomy;
  return t;
}

bj::object attribute(const std::string& owner, const char* entity, const bj::object& taxonomy_term,
                     std::string value) {
  const std::string code(taxonomy_term.at("code").as_string());
  return {{"id", child_id(owner, "attribute/" + code)},
          {"link_id", owner},
          {"link_type", "enlace"},
          {"link_entity", entity},
          {"taxonomy_term_id", taxonomy_term.at("id")},
          {"taxonomy_term", taxonomy_term},
          {"value", std::move(value)}};
}

// The path from the country down to the territory, as the extent/attribute value.
std::string path_text(const TerritoryPath& path) {
  bj::array a;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    const auto& t = it->territory;
    bj::object e{{"id", it->id}, {"name", t.name}, {"level", core::to_string(t.level)}};
    put(e, "code", t.code);
    put(e, "time_zone", t.time_zone);
    a.push_back(std::move(e));
  }
  return bj::serialize(a);
}

const core::TerritoryRecord* at_level(const TerritoryPath& path, core::TerritoryLevel level) {
  for (const auto& t : path)
    if (t.territory.level == level) return &t;
  return nullptr;
}

std::string name_at(const TerritoryPath& path, core::TerritoryLevel level) {
  auto* t = at_level(path, level);
  return t ? t->territory.name : "";
}

}  // namespace

bj::object hsds_organization(const HsdsOrganizationSource& src) {
  const auto& o = src.record.organization;
  const std::string& id = src.record.id;
  bj::object out{{"id", id},
                 {"name", o.name},
                 {"description", core::organization_description(o.name, o.kind)}};
  put(out, "email", o.email);
  if (o.parent_id) out["parent_organization_id"] = *o.parent_id;
  bj::array phones;
  if (o.phone)
    phones.push_back(bj::object{{"id", child_id(id, "phone")}, {"organization_id", id}, {"number", *o.phone}});
  out["phones"] = std::move(phones);
  bj::array attrs;
  attrs.push_back(attribute(id, "organization",
                            term(kKindTerm, "Organisation kind", "The kind of organisation in Enlace"),
                            std::string(core::to_string(o.kind))));
  attrs.push_back(attribute(id, "organization",
                            term(kTerritoryTerm, "Home territory",
                                 "The organisation's territory: its path from the country down"),
                            path_text(src.home)));
  out["attributes"] = std::move(attrs);
  out["last_modified"] = core::format_timestamp(src.record.updated_at);
  return out;
}

bj::object hsds_service(const HsdsServiceSource& src) {
  const auto& r = src.record;
  const auto& s = r.listing;
  const std::string& id = r.id;
  bj::object out{{"id", id},
                 {"organization_id", s.organization_id},
                 {"name", s.name},
                 {"status", core::hsds_status(s.status)}};
  put(out, "description", s.description);
  put(out, "eligibility_description", s.eligibility);
  if (s.min_age) out["minimum_age"] = *s.min_age;
  if (s.max_age) out["maximum_age"] = *s.max_age;
  put(out, "fees_description", s.fees);
  put(out, "application_process", s.how_to_apply);
  if (s.expected_wait_days) out["wait_time"] = core::wait_time_text(*s.expected_wait_days);
  if (s.last_verified_at) out["assured_date"] = core::format_date(core::date_of(*s.last_verified_at));
  out["last_modified"] = core::format_timestamp(r.updated_at);

  bj::array phones;
  if (s.phone) phones.push_back(bj::object{{"id", child_id(id, "phone")}, {"service_id", id}, {"number", *s.phone}});
  out["phones"] = std::move(phones);

  bj::array schedules;
  for (std::size_t i = 0; i < s.schedule.size(); ++i) {
    const auto& p = s.schedule[i];
    schedules.push_back(bj::object{{"id", child_id(id, "schedule", i)},
                                   {"service_id", id},
                                   {"freq", "WEEKLY"},
                                   {"wkst", "MO"},
                                   {"byday", core::hsds_weekday(p.weekday)},
                                   {"opens_at", core::format_time_of_day(p.opens)},
                                   {"closes_at", core::format_time_of_day(p.closes)}});
  }
  if (s.hours)  // free-text hours: HSDS's schedule description
    schedules.push_back(bj::object{{"id", child_id(id, "hours")}, {"service_id", id}, {"description", *s.hours}});
  out["schedules"] = std::move(schedules);

  bj::array areas;
  for (std::size_t i = 0; i < src.areas.size(); ++i) {
    if (src.areas[i].empty()) continue;
    const auto& t = src.areas[i].front();
    areas.push_back(bj::object{{"id", child_id(id, "service_area/" + t.id)},
                               {"service_id", id},
                               {"name", t.territory.name},
                               {"extent_type", kPathExtent},
                               {"extent", path_text(src.areas[i])}});
  }
  out["service_areas"] = std::move(areas);

  bj::array at_locations;
  if (s.address || s.location) {
    const std::string location_id = child_id(id, "location");
    bj::object location{{"id", location_id}, {"location_type", "physical"}, {"name", s.name}};
    if (s.location) {
      location["latitude"] = s.location->lat;
      location["longitude"] = s.location->lon;
    }
    bj::array addresses;
    if (s.address) {
      // The address's city and province: from the covered area that names a municipality (a
      // service covering a province and a city in it is at that city), else the first area.
      const TerritoryPath none;
      const TerritoryPath* where_p = src.areas.empty() ? &none : &src.areas.front();
      for (const auto& area : src.areas)
        if (at_level(area, core::TerritoryLevel::municipality)) {
          where_p = &area;
          break;
        }
      const TerritoryPath& where = *where_p;
      auto* country = at_level(where, core::TerritoryLevel::country);
      addresses.push_back(bj::object{
          {"id", child_id(id, "address")},
          {"location_id", location_id},
          {"address_1", *s.address},
          {"city", name_at(where, core::TerritoryLevel::municipality)},
          {"state_province", name_at(where, core::TerritoryLevel::province)},
          {"postal_code", ""},
          {"country", country && country->territory.code ? *country->territory.code : ""},
          {"address_type", "physical"}});
    }
    location["addresses"] = std::move(addresses);
    at_locations.push_back(bj::object{{"id", child_id(id, "service_at_location")},
                                      {"service_id", id},
                                      {"location_id", location_id},
                                      {"location", std::move(location)}});
  }
  out["service_at_locations"] = std::move(at_locations);

  bj::array languages;
  for (std::size_t i = 0; i < s.languages.size(); ++i)
    languages.push_back(bj::object{{"id", child_id(id, "language", i)}, {"service_id", id}, {"code", s.languages[i]}});
  out["languages"] = std::move(languages);

  bj::array documents;
  for (std::size_t i = 0; i < s.required_documents.size(); ++i)
    documents.push_back(bj::object{{"id", child_id(id, "required_document", i)},
                                   {"service_id", id},
                                   {"document", s.required_documents[i]}});
  out["required_documents"] = std::move(documents);

  bj::array attrs;
  attrs.push_back(attribute(id, "service",
                            term(s.category, src.category_name, src.category_name, kCategoryTaxonomy),
                            s.category));
  attrs.push_back(attribute(id, "service",
                            term(kAcceptingTerm, "Accepting referrals", "Whether the service takes referrals now"),
                            s.accepting ? "true" : "false"));
  if (s.capacity_available)
    attrs.push_back(attribute(id, "service",
                              term(kCapacityTerm, "Places available", "Places free now, as the service last said"),
                              std::to_string(*s.capacity_available)));
  out["attributes"] = std::move(attrs);
  out["organization"] = hsds_list_form(hsds_organization(src.organization));
  return out;
}

bj::object hsds_list_form(const bj::object& full) {
  bj::object out;
  for (const auto& [k, v] : full)
    if (!v.is_array()) out[k] = k == "organization" && v.is_object() ? bj::value(hsds_list_form(v.as_object())) : v;
  return out;
}

// ---- reading an export back ----

namespace {

class Reader {
 public:
  explicit Reader(core::FieldErrors& errors) : errors_(errors) {}

  const bj::object* object(const bj::value* v, const std::string& path, bool required) {
    if (!v || v->is_null()) {
      if (required) errors_.add(path, "is required");
      return nullptr;
    }
    if (!v->is_object()) {
      errors_.add(path, "must be an object");
      return nullptr;
    }
    return &v->as_object();
  }
  const bj::array* array(const bj::object& o, const char* key, const std::string& path) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_array()) {
      errors_.add(path + "." + key, "must be an array");
      return nullptr;
    }
    return &v->as_array();
  }
  std::optional<std::string> text(const bj::object& o, const char* key, const std::string& path,
                                  bool required = false) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
      if (required) errors_.add(path + "." + key, "is required");
      return std::nullopt;
    }
    if (!v->is_string()) {
      errors_.add(path + "." + key, "must be a string");
      return std::nullopt;
    }
    return std::string(v->as_string());
  }
  std::optional<double> number(const bj::object& o, const char* key, const std::string& path) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number()) {
      errors_.add(path + "." + key, "must be a number");
      return std::nullopt;
    }
    return v->to_number<double>();
  }
  std::optional<std::int64_t> whole(const bj::object& o, const char* key, const std::string& path) {
    auto n = number(o, key, path);
    if (!n) return std::nullopt;
    if (*n != static_cast<double>(static_cast<std::int64_t>(*n))) {
      errors_.add(path + "." + key, "must be a whole number");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(*n);
  }
  // Attributes by their taxonomy term's code: code -> (value, term name).
  std::map<std::string, std::pair<std::string, std::string>> attributes(const bj::object& o,
                                                                         const std::string& path) {
    std::map<std::string, std::pair<std::string, std::string>> out;
    const auto* a = array(o, "attributes", path);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string at = path + ".attributes[" + std::to_string(i) + "]";
      const auto* attr = object(&(*a)[i], at, true);
      if (!attr) continue;
      const auto* t = object(attr->if_contains("taxonomy_term"), at + ".taxonomy_term", false);
      if (!t) continue;
      auto code = text(*t, "code", at + ".taxonomy_term");
      auto name = text(*t, "name", at + ".taxonomy_term");
      auto value = text(*attr, "value", at);
      if (code) out.emplace(*code, std::pair{value.value_or(""), name.value_or(*code)});
    }
    return out;
  }
  // A territory path's text: ids of the path, country first; its entries go to `territories`.
  std::optional<std::string> territory_path(const std::string& path_json, const std::string& path,
                                            DirectoryImport& into, std::set<std::string>& seen) {
    boost::system::error_code ec;
    auto v = bj::parse(path_json, ec);
    if (ec || !v.is_array() || v.as_array().empty()) {
      errors_.add(path, "must be a territory path (a JSON array of {id, name, level})");
      return std::nullopt;
    }
    std::optional<std::string> parent, last;
    const auto& a = v.as_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string at = path + "[" + std::to_string(i) + "]";
      const auto* e = object(&a[i], at, true);
      if (!e) return std::nullopt;
      auto id = text(*e, "id", at, true);
      core::TerritoryDraft d;
      d.name = text(*e, "name", at, true);
      d.level = text(*e, "level", at, true);
      d.code = text(*e, "code", at);
      d.time_zone = text(*e, "time_zone", at);
      d.parent_id = parent;
      if (!id) return std::nullopt;
      auto t = core::make_territory(d);
      if (!t) {
        for (const auto& f : t.error().fields.items()) errors_.add(at + "." + f.field, f.message);
        if (t.error().fields.empty()) errors_.add(at, t.error().detail);
        return std::nullopt;
      }
      if (seen.insert(*id).second) into.territories.push_back(DirectoryImport::TerritoryEntry{*id, *t});
      parent = id;
      last = id;
    }
    return last;
  }

 private:
  core::FieldErrors& errors_;
};

// Organisations so that a parent comes before its children (parents outside the file must
// already exist; the import checks that).
void order_parents_first(std::vector<DirectoryImport::OrganizationEntry>& orgs) {
  std::vector<DirectoryImport::OrganizationEntry> out;
  std::set<std::string> placed, present;
  for (const auto& o : orgs) present.insert(o.id);
  while (out.size() < orgs.size()) {
    bool moved = false;
    for (auto& o : orgs) {
      if (placed.count(o.id)) continue;
      const auto& p = o.draft.parent_id;
      if (p && present.count(*p) && !placed.count(*p)) continue;
      placed.insert(o.id);
      out.push_back(o);
      moved = true;
    }
    if (!moved) {  // a cycle: keep the rest as given; the repository refuses it
      for (auto& o : orgs)
        if (!placed.count(o.id)) out.push_back(o), placed.insert(o.id);
    }
  }
  orgs = std::move(out);
}

}  // namespace

core::Result<DirectoryImport> read_hsds_services(const bj::value& doc) {
  core::FieldErrors errors;
  if (!doc.is_array())
    return core::Error::invalid_field("", "must be a JSON array of HSDS services");
  Reader rd(errors);
  DirectoryImport out;
  std::set<std::string> territories_seen, orgs_seen, categories_seen, services_seen;
  const auto& items = doc.as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = "[" + std::to_string(i) + "]";
    const auto* s = rd.object(&items[i], at, true);
    if (!s) continue;
    auto id = rd.text(*s, "id", at, true);
    if (id && !services_seen.insert(*id).second) errors.add(at + ".id", "is listed twice");

    // The organisation.
    const auto* org = rd.object(s->if_contains("organization"), at + ".organization", true);
    std::optional<std::string> org_id;
    if (org) {
      const std::string op = at + ".organization";
      org_id = rd.text(*org, "id", op, true);
      core::OrganizationDraft od;
      od.name = rd.text(*org, "name", op, true);
      od.email = rd.text(*org, "email", op);
      od.parent_id = rd.text(*org, "parent_organization_id", op);
      if (const auto* phones = rd.array(*org, "phones", op); phones && !phones->empty())
        if (const auto* p = rd.object(&(*phones)[0], op + ".phones[0]", true))
          od.phone = rd.text(*p, "number", op + ".phones[0]", true);
      auto attrs = rd.attributes(*org, op);
      if (auto k = attrs.find(kKindTerm); k != attrs.end()) od.kind = k->second.first;
      else errors.add(op + ".attributes", "needs the enlace:organization_kind attribute");
      if (auto t = attrs.find(kTerritoryTerm); t != attrs.end())
        od.territory_id = rd.territory_path(t->second.first, op + ".attributes[enlace:territory]", out, territories_seen);
      else
        errors.add(op + ".attributes", "needs the enlace:territory attribute");
      if (org_id && orgs_seen.insert(*org_id).second) out.organizations.push_back({*org_id, od});
    }

    core::ServiceDraft d;
    d.organization_id = org_id;
    if (auto sid = rd.text(*s, "organization_id", at); sid && org_id && *sid != *org_id)
      errors.add(at + ".organization_id", "differs from organization.id");
    d.name = rd.text(*s, "name", at, true);
    d.description = rd.text(*s, "description", at);
    d.eligibility = rd.text(*s, "eligibility_description", at);
    d.min_age = rd.whole(*s, "minimum_age", at);
    d.max_age = rd.whole(*s, "maximum_age", at);
    d.fees = rd.text(*s, "fees_description", at);
    d.how_to_apply = rd.text(*s, "application_process", at);
    if (auto w = rd.text(*s, "wait_time", at)) {
      d.expected_wait_days = core::wait_days_from_text(*w);
      if (!d.expected_wait_days) errors.add(at + ".wait_time", "must be a number of days (\"3 days\")");
    }
    d.last_verified_at = rd.text(*s, "assured_date", at);
    if (auto st = rd.text(*s, "status", at, true)) {
      if (auto parsed = core::service_status_from_hsds(*st)) d.status = std::string(core::to_string(*parsed));
      else errors.add(at + ".status", "must be active, inactive, defunct or temporarily closed");
    }

    if (const auto* phones = rd.array(*s, "phones", at); phones && !phones->empty())
      if (const auto* p = rd.object(&(*phones)[0], at + ".phones[0]", true))
        d.phone = rd.text(*p, "number", at + ".phones[0]", true);

    d.schedule.emplace();
    if (const auto* sched = rd.array(*s, "schedules", at)) {
      for (std::size_t j = 0; j < sched->size(); ++j) {
        const std::string sp = at + ".schedules[" + std::to_string(j) + "]";
        const auto* e = rd.object(&(*sched)[j], sp, true);
        if (!e) continue;
        auto byday = rd.text(*e, "byday", sp);
        auto opens = rd.text(*e, "opens_at", sp);
        auto closes = rd.text(*e, "closes_at", sp);
        if (!byday && !opens && !closes) {
          if (auto text = rd.text(*e, "description", sp); text && !d.hours) d.hours = text;
          continue;
        }
        if (!byday || !opens || !closes) {
          errors.add(sp, "needs byday, opens_at and closes_at (or only a description)");
          continue;
        }
        // "MO,TU,WE": one entry per day; seconds ("08:00:00") are dropped.
        std::string days = *byday;
        std::size_t start = 0;
        while (start <= days.size()) {
          auto end = days.find(',', start);
          if (end == std::string::npos) end = days.size();
          auto day = core::weekday_from_hsds(days.substr(start, end - start));
          if (!day) errors.add(sp + ".byday", "must be MO, TU, WE, TH, FR, SA or SU (comma-separated)");
          else
            d.schedule->push_back({*day, opens->substr(0, 5), closes->substr(0, 5)});
          start = end + 1;
        }
      }
    }

    d.territory_ids.emplace();
    if (const auto* areas = rd.array(*s, "service_areas", at)) {
      for (std::size_t j = 0; j < areas->size(); ++j) {
        const std::string ap = at + ".service_areas[" + std::to_string(j) + "]";
        const auto* e = rd.object(&(*areas)[j], ap, true);
        if (!e) continue;
        if (rd.text(*e, "extent_type", ap) != std::optional<std::string>(kPathExtent)) {
          errors.add(ap + ".extent_type", std::string("must be ") + kPathExtent + " (an Enlace territory path)");
          continue;
        }
        auto extent = rd.text(*e, "extent", ap, true);
        if (!extent) continue;
        if (auto t = rd.territory_path(*extent, ap + ".extent", out, territories_seen))
          d.territory_ids->push_back(*t);
      }
    }

    if (const auto* sal = rd.array(*s, "service_at_locations", at); sal && !sal->empty()) {
      const std::string lp = at + ".service_at_locations[0]";
      const auto* first = rd.object(&(*sal)[0], lp, true);
      const auto* loc = first ? rd.object(first->if_contains("location"), lp + ".location", false) : nullptr;
      if (loc) {
        auto lat = rd.number(*loc, "latitude", lp + ".location");
        auto lon = rd.number(*loc, "longitude", lp + ".location");
        if (lat || lon) d.location = core::GeoPointDraft{lat, lon};
        if (const auto* addrs = rd.array(*loc, "addresses", lp + ".location"); addrs && !addrs->empty())
          if (const auto* a = rd.object(&(*addrs)[0], lp + ".location.addresses[0]", true)) {
            auto line1 = rd.text(*a, "address_1", lp + ".location.addresses[0]", true);
            auto line2 = rd.text(*a, "address_2", lp + ".location.addresses[0]");
            if (line1) d.address = line2 && !line2->empty() ? *line1 + "\n" + *line2 : *line1;
          }
      }
    }

    d.languages.emplace();
    if (const auto* langs = rd.array(*s, "languages", at))
      for (std::size_t j = 0; j < langs->size(); ++j) {
        const std::string lp = at + ".languages[" + std::to_string(j) + "]";
        if (const auto* l = rd.object(&(*langs)[j], lp, true))
          if (auto code = rd.text(*l, "code", lp, true)) d.languages->push_back(*code);
      }

    d.required_documents.emplace();
    if (const auto* docs = rd.array(*s, "required_documents", at))
      for (std::size_t j = 0; j < docs->size(); ++j) {
        const std::string dp = at + ".required_documents[" + std::to_string(j) + "]";
        if (const auto* e = rd.object(&(*docs)[j], dp, true))
          if (auto text = rd.text(*e, "document", dp, true)) d.required_documents->push_back(*text);
      }

    // Attributes: the category (a term of Enlace's category taxonomy), accepting, places free.
    auto attrs = rd.attributes(*s, at);
    for (const auto& [code, value] : attrs) {
      if (code.rfind("enlace:", 0) == 0) continue;
      if (d.category) {
        errors.add(at + ".attributes", "names more than one category");
        break;
      }
      d.category = code;
      if (categories_seen.insert(code).second) out.categories.emplace_back(code, value.second);
    }
    if (!d.category) errors.add(at + ".attributes", "needs a category (a taxonomy term attribute)");
    d.accepting = true;
    if (auto a = attrs.find(kAcceptingTerm); a != attrs.end()) {
      if (a->second.first == "true" || a->second.first == "false") d.accepting = a->second.first == "true";
      else errors.add(at + ".attributes[enlace:accepting]", "must be true or false");
    }
    if (auto c = attrs.find(kCapacityTerm); c != attrs.end()) {
      auto n = core::wait_days_from_text(c->second.first);  // a plain whole number
      if (!n || c->second.first.find(' ') != std::string::npos)
        errors.add(at + ".attributes[enlace:capacity_available]", "must be a whole number");
      else
        d.capacity_available = *n;
    }
    if (id) out.services.push_back({*id, std::move(d)});
  }
  if (!errors.empty()) return core::Error::invalid(std::move(errors), "The HSDS file has invalid fields.");
  order_parents_first(out.organizations);
  return out;
}

}  // namespace enlace::gateway
