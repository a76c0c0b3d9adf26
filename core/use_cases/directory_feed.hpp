// The directory as a published Open Referral HSDS feed (API.md, Interoperability): the /hsds
// routes and `enlace directory export`. Reads on one snapshot, not audited (the directory holds
// no personal data); each gathers what its HSDS objects show, the rendering is the gateway's.
#pragma once

#include "core/hsds_source.hpp"
#include "core/ports/directory_store.hpp"
#include "core/result.hpp"

#include <string>

namespace enlace::core {

Result<HsdsOrganizationSource> gather_hsds_organization(DirectoryReader& reader,
                                                        const std::string& id);
// The listing with its organisation, its category's name and the paths of its territories.
Result<HsdsServiceSource> gather_hsds_service(DirectoryReader& reader, const std::string& id);
Result<HsdsOrganizationWithServices> gather_hsds_organization_with_services(
    DirectoryReader& reader, const std::string& id);

// One window of the feed, gathered.
Result<FeedPage<HsdsServiceSource>> hsds_service_page(DirectoryReader& reader,
                                                      const FeedWindow& window);
Result<FeedPage<HsdsOrganizationSource>> hsds_organization_page(DirectoryReader& reader,
                                                                const FeedWindow& window);

}  // namespace enlace::core
