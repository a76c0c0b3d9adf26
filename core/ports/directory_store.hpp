// What the directory use cases read and write (core/use_cases/service_listings.hpp,
// organizations.hpp, territories.hpp, categories.hpp): service listings, organisations,
// territories and categories. The directory is not personal data: any signed-in user reads
// it, so neither port takes a caller; who may change what is the use cases' to decide
// (core/directory_access.hpp). The SQL adapters (SQLite and PostgreSQL alike) are
// storage/sql_directory_store.hpp.
#pragma once

#include "core/directory_records.hpp"
#include "core/hsds_source.hpp"
#include "core/organization.hpp"
#include "core/result.hpp"
#include "core/service_listing.hpp"
#include "core/territory.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::core {

// Changes, bound to one write transaction: every call of one use case commits or rolls back
// together. Inserts and updates check that what a record names exists (422 naming the field);
// updates refuse a stale version (412).
class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;

  virtual Result<ServiceRecord> find_service(const std::string& id) = 0;
  virtual Result<ServiceRecord> insert_service(const std::string& id, const ServiceListing& s,
                                               Timestamp now) = 0;
  // capacity_updated_at moves to `now` when the places free changed.
  virtual Result<ServiceRecord> update_service(const std::string& id, std::int64_t version,
                                               const ServiceListing& s, Timestamp now) = 0;
  // last_verified_at = now, and a new version.
  virtual Result<ServiceRecord> mark_service_verified(const std::string& id, Timestamp now) = 0;

  virtual Result<OrganizationRecord> find_organization(const std::string& id) = 0;
  virtual Result<OrganizationRecord> insert_organization(const std::string& id,
                                                         const Organization& o,
                                                         Timestamp now) = 0;
  // Also refuses a parent chain that would lead back to the organisation.
  virtual Result<OrganizationRecord> update_organization(const std::string& id,
                                                         std::int64_t version,
                                                         const Organization& o,
                                                         Timestamp now) = 0;

  virtual bool territory_exists(const std::string& id) = 0;
  // The parent must exist and sit at a higher level (422 naming parent_id).
  virtual Result<TerritoryRecord> insert_territory(const std::string& id, const Territory& t,
                                                   Timestamp now) = 0;
  virtual bool category_exists(const std::string& code) = 0;
  // A taken code is 422 naming `code`.
  virtual Result<CategoryRecord> insert_category(const CategoryRecord& c) = 0;
};

// Reads, bound to one read snapshot (off the writer). Lists return up to limit + 1 rows: the
// extra one tells the caller a next page exists.
class DirectoryReader {
 public:
  virtual ~DirectoryReader() = default;

  virtual std::vector<ServiceRecord> services(const ServiceFilter& f) = 0;
  virtual Result<ServiceRecord> service(const std::string& id) = 0;
  // Ordered by id, after the cursor.
  virtual std::vector<OrganizationRecord> organizations(const std::string& after, int limit) = 0;
  virtual Result<OrganizationRecord> organization(const std::string& id) = 0;
  virtual std::vector<TerritoryRecord> territories(const TerritoryFilter& f) = 0;
  // Every category, ordered by code (a dozen or so).
  virtual std::vector<CategoryRecord> categories() = 0;

  // The published feed (HSDS): a window of ids, ordered by id, with the total of all windows.
  virtual FeedIds feed_services(const FeedWindow& w) = 0;
  virtual FeedIds feed_organizations(const FeedWindow& w) = 0;
  // The ids of the organisation's listings, ordered by id.
  virtual std::vector<std::string> service_ids_of(const std::string& organization_id) = 0;
  // The territory and its ancestors, nearest first (empty when it does not exist).
  virtual std::vector<TerritoryRecord> territory_path(const std::string& territory_id) = 0;
};

}  // namespace enlace::core
