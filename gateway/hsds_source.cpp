// Gathering HSDS sources: see hsds_source.hpp.
#include "gateway/hsds_source.hpp"

#include "storage/category_repository.hpp"
#include "storage/directory_feed.hpp"

namespace enlace::gateway {

core::Result<HsdsOrganizationSource> load_hsds_organization(storage::ReadTxn& tx, const std::string& id) {
  auto org = storage::OrganizationRepository::find(tx, id);
  if (!org) return org.error();
  HsdsOrganizationSource out{std::move(*org), {}};
  out.home = storage::DirectoryFeed::territory_path(tx, out.record.organization.territory_id);
  return out;
}

core::Result<HsdsServiceSource> load_hsds_service(storage::ReadTxn& tx, const std::string& id) {
  auto service = storage::ServiceRepository::find(tx, id);
  if (!service) return service.error();
  auto org = load_hsds_organization(tx, service->listing.organization_id);
  if (!org) return org.error();
  HsdsServiceSource out{std::move(*service), std::move(*org), {}, {}};
  out.category_name = out.record.listing.category;
  for (const auto& c : storage::CategoryRepository::list(tx))
    if (c.code == out.record.listing.category) out.category_name = c.name;
  for (const auto& t : out.record.listing.territory_ids)
    out.areas.push_back(storage::DirectoryFeed::territory_path(tx, t));
  return out;
}

}  // namespace enlace::gateway
