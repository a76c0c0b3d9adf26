// Organisations: see organizations.hpp.
#include "core/use_cases/organizations.hpp"

#include "core/directory_access.hpp"

namespace enlace::core {

Result<OrganizationRecord> create_organization(const DirectoryPorts& ports, const Actor& actor,
                                               const OrganizationDraft& draft,
                                               const std::string& id, Timestamp now) {
  if (!may_administer_network(actor)) return Error::forbidden();
  auto org = make_organization(draft);
  if (!org) return org.error();
  auto saved = ports.store.insert_organization(id, *org, now);
  if (!saved) return saved.error();
  ports.audit.record("organization.create", "organization", id);
  return saved;
}

Result<OrganizationRecord> update_organization(const DirectoryPorts& ports, const Actor& actor,
                                               const std::string& id, std::int64_t version,
                                               const OrganizationPatch& patch, Timestamp now) {
  if (!may_administer_network(actor)) return Error::forbidden();
  auto current = ports.store.find_organization(id);
  if (!current) return current.error();
  if (current->version != version) return Error::stale();
  auto draft = draft_of(current->organization);
  apply_patch(draft, patch);
  auto next = make_organization(draft);
  if (!next) return next.error();
  auto saved = ports.store.update_organization(id, version, *next, now);
  if (!saved) return saved.error();
  ports.audit.record("organization.update", "organization", id);
  return saved;
}

Result<std::vector<OrganizationRecord>> list_organizations(DirectoryReader& reader,
                                                           const std::string& after, int limit) {
  return reader.organizations(after, limit);
}

Result<OrganizationRecord> read_organization(DirectoryReader& reader, const std::string& id) {
  return reader.organization(id);
}

}  // namespace enlace::core
