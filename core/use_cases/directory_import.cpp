// Importing a directory file: see directory_import.hpp.
#include "core/use_cases/directory_import.hpp"

#include <algorithm>

namespace enlace::core {

namespace {

// Field errors of one record, renamed under its place in the file (`[3].` + field).
Error under(const std::string& prefix, const Error& e) {
  FieldErrors named;
  for (const auto& f : e.fields.items()) named.add(prefix + f.field, f.message);
  if (e.fields.empty()) named.add(prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1), e.detail);
  return Error::invalid(std::move(named), e.detail);
}

}  // namespace

Result<DirectoryImportResult> import_directory(const DirectoryPorts& ports,
                                               const DirectoryImport& file, Timestamp now) {
  DirectoryImportResult tally;
  for (const auto& t : file.territories) {
    if (ports.store.territory_exists(t.id)) {
      ++tally.territories.unchanged;
      continue;
    }
    auto saved = ports.store.insert_territory(t.id, t.territory, now);
    if (!saved) return under("territory " + t.id + ": ", saved.error());
    ports.audit.record("territory.create", "territory", t.id);
    ++tally.territories.added;
  }
  for (const auto& [code, name] : file.categories) {
    if (ports.store.category_exists(code)) {
      ++tally.categories.unchanged;
      continue;
    }
    auto saved = ports.store.insert_category({code, name, now});
    if (!saved) return under("category " + code + ": ", saved.error());
    ports.audit.record("category.create", "category", code);
    ++tally.categories.added;
  }
  for (const auto& o : file.organizations) {
    const std::string where = "organization " + o.id + ": ";
    auto current = ports.store.find_organization(o.id);
    if (!current && current.error().code != ErrorCode::not_found) return current.error();
    // HSDS has no field for case sharing, an access rule of this network: an import keeps it.
    OrganizationDraft draft = o.draft;
    if (current && draft.parent_id && !draft.parent_id->empty())
      draft.shares_cases_with_parent = current->organization.shares_cases_with_parent;
    auto org = make_organization(draft);
    if (!org) return under(where, org.error());
    if (current && current->organization == *org) {
      ++tally.organizations.unchanged;
      continue;
    }
    auto saved = current ? ports.store.update_organization(o.id, current->version, *org, now)
                         : ports.store.insert_organization(o.id, *org, now);
    if (!saved) return under(where, saved.error());
    ports.audit.record(current ? "organization.update" : "organization.create", "organization", o.id);
    ++(current ? tally.organizations.updated : tally.organizations.added);
  }
  for (std::size_t i = 0; i < file.services.size(); ++i) {
    const auto& s = file.services[i];
    const std::string where = "[" + std::to_string(i) + "].";
    auto listing = make_service_listing(s.draft, now);
    if (!listing) return under(where, listing.error());
    std::sort(listing->territory_ids.begin(), listing->territory_ids.end());  // as stored
    auto current = ports.store.find_service(s.id);
    if (!current && current.error().code != ErrorCode::not_found) return current.error();
    if (current && current->listing == *listing) {
      ++tally.services.unchanged;
      continue;
    }
    auto saved = current ? ports.store.update_service(s.id, current->version, *listing, now)
                         : ports.store.insert_service(s.id, *listing, now);
    if (!saved) return under(where, saved.error());
    ports.audit.record(current ? "service.update" : "service.create", "service", s.id);
    ++(current ? tally.services.updated : tally.services.added);
  }
  return tally;
}

}  // namespace enlace::core
