// Enlace's directory as Open Referral HSDS 3.0 objects, and HSDS services read back into
// Enlace drafts (API.md, Interoperability; the field table is in docs/ARCHITECTURE.md).
//
// What HSDS has no field for travels in HSDS's own extension points, so that an Enlace export
// imported elsewhere loses nothing:
// - the category is an `attributes` entry whose taxonomy term's `code` is the category code;
// - places free now, whether referrals are accepted, and an organisation's kind and home
//   territory are `attributes` with taxonomy terms coded `enlace:capacity_available`,
//   `enlace:accepting`, `enlace:organization_kind`, `enlace:territory`;
// - the territories a service covers are `service_areas` with `extent_type`
//   `enlace_territory_path` and, as `extent`, the territory's path from its country down
//   (a JSON array of {id, name, level, code?, time_zone?}), so that an import into an empty
//   database can build the same tree.
// Ids of the nested objects (phones, schedules, ...) are derived from their owner's id, so
// that the same directory always gives the same document.
#pragma once

#include "core/hsds_source.hpp"
#include "core/result.hpp"
#include "core/service_listing.hpp"
#include "core/territory.hpp"
#include "core/organization.hpp"
#include "core/use_cases/directory_import.hpp"

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace enlace::gateway {

// What the objects show, gathered by the feed's use cases (core/use_cases/directory_feed.hpp).
using core::HsdsOrganizationSource;
using core::HsdsServiceSource;
using core::TerritoryPath;

// The fully nested service (GET /hsds/services/{id}, the export file's entries).
boost::json::object hsds_service(const HsdsServiceSource& s);
// An organisation with its one-to-one fields, phones and attributes (no services).
boost::json::object hsds_organization(const HsdsOrganizationSource& o);
// The list forms: the object without its arrays of related records (the organisation inside
// a service keeps its one-to-one fields).
boost::json::object hsds_list_form(const boost::json::object& full);

// An HSDS export read back: everything an import writes, checked field by field (errors name
// JSON paths such as `[2].organization.name`) but not yet against the database.
using core::DirectoryImport;
core::Result<DirectoryImport> read_hsds_services(const boost::json::value& doc);

}  // namespace enlace::gateway
