// Service listings: see service_listings.hpp.
#include "core/use_cases/service_listings.hpp"

#include "core/directory_access.hpp"

#include <utility>

namespace enlace::core {

namespace {

Error not_theirs() {
  return Error::forbidden("You manage your own organisation's services only.");
}

}  // namespace

bool may_manage_services(const Actor& actor) { return actor.has(Role::org_admin); }

Result<ServiceRecord> create_service(const DirectoryPorts& ports, const Actor& actor,
                                     ServiceDraft draft, const std::string& id, Timestamp now) {
  if (!may_manage_services(actor)) return Error::forbidden();
  if (!draft.organization_id) draft.organization_id = actor.organization_id;
  auto listing = make_service_listing(draft, now);
  if (!listing) return listing.error();
  if (!may_manage_services_of(actor, listing->organization_id)) return not_theirs();
  auto saved = ports.store.insert_service(id, *listing, now);
  if (!saved) return saved.error();
  ports.audit.record("service.create", "service", id);
  return saved;
}

Result<ServiceRecord> update_service(const DirectoryPorts& ports, const Actor& actor,
                                     const std::string& id, std::int64_t version,
                                     const ServicePatch& patch, Timestamp now) {
  if (!may_manage_services(actor)) return Error::forbidden();
  auto current = ports.store.find_service(id);
  if (!current) return current.error();
  if (!may_manage_services_of(actor, current->listing.organization_id)) return not_theirs();
  if (current->version != version) return Error::stale();
  auto draft = draft_of(current->listing);
  apply_patch(draft, patch);
  auto next = make_service_listing(draft, now);
  if (!next) return next.error();
  if (!may_manage_services_of(actor, next->organization_id)) return not_theirs();
  auto saved = ports.store.update_service(id, version, *next, now);
  if (!saved) return saved.error();
  ports.audit.record("service.update", "service", id);
  return saved;
}

Result<ServiceRecord> verify_service(const DirectoryPorts& ports, const Actor& actor,
                                     const std::string& id, Timestamp now) {
  auto current = ports.store.find_service(id);
  if (!current) return current.error();
  if (!may_verify_service_of(actor, current->listing.organization_id))
    return Error::forbidden("The owner's org_admin or a coordinator verifies a listing.");
  auto saved = ports.store.mark_service_verified(id, now);
  if (!saved) return saved.error();
  ports.audit.record("service.verify", "service", id);
  return saved;
}

Result<std::vector<ServiceRecord>> find_services(DirectoryReader& reader, ServiceFilter filter,
                                                 Timestamp now) {
  filter.open_at = now;
  filter.stale_before = now - kStaleAfter;
  return reader.services(filter);
}

Result<ServiceRecord> read_service(DirectoryReader& reader, const std::string& id) {
  return reader.service(id);
}

}  // namespace enlace::core
