// Gathering what an HSDS object shows (hsds_json.hpp) from the directory's repositories, for
// the /hsds routes and `enlace directory export` alike.
#pragma once

#include "gateway/hsds_json.hpp"
#include "storage/txn.hpp"

namespace enlace::gateway {

core::Result<HsdsOrganizationSource> load_hsds_organization(storage::ReadTxn& tx, const std::string& id);
core::Result<HsdsServiceSource> load_hsds_service(storage::ReadTxn& tx, const std::string& id);

}  // namespace enlace::gateway
