// The directory ports over SQL: see sql_directory_store.hpp.
#include "storage/sql_directory_store.hpp"

#include "storage/category_repository.hpp"
#include "storage/directory_feed.hpp"
#include "storage/organization_repository.hpp"
#include "storage/service_repository.hpp"
#include "storage/territory_repository.hpp"

namespace enlace::storage {

core::Result<core::ServiceRecord> SqlDirectoryStore::find_service(const std::string& id) {
  return ServiceRepository::find(tx_, id);
}

core::Result<core::ServiceRecord> SqlDirectoryStore::insert_service(
    const std::string& id, const core::ServiceListing& s, core::Timestamp now) {
  return ServiceRepository::insert(tx_, id, s, now);
}

core::Result<core::ServiceRecord> SqlDirectoryStore::update_service(
    const std::string& id, std::int64_t version, const core::ServiceListing& s,
    core::Timestamp now) {
  return ServiceRepository::update(tx_, id, version, s, now);
}

core::Result<core::ServiceRecord> SqlDirectoryStore::mark_service_verified(const std::string& id,
                                                                           core::Timestamp now) {
  return ServiceRepository::mark_verified(tx_, id, now);
}

core::Result<core::OrganizationRecord> SqlDirectoryStore::find_organization(
    const std::string& id) {
  return OrganizationRepository::find(tx_, id);
}

core::Result<core::OrganizationRecord> SqlDirectoryStore::insert_organization(
    const std::string& id, const core::Organization& o, core::Timestamp now) {
  return OrganizationRepository::insert(tx_, id, o, now);
}

core::Result<core::OrganizationRecord> SqlDirectoryStore::update_organization(
    const std::string& id, std::int64_t version, const core::Organization& o,
    core::Timestamp now) {
  return OrganizationRepository::update(tx_, id, version, o, now);
}

bool SqlDirectoryStore::territory_exists(const std::string& id) {
  return TerritoryRepository::find(tx_, id).has_value();
}

bool SqlDirectoryStore::category_exists(const std::string& code) {
  return CategoryRepository::exists(tx_, code);
}

core::Result<core::TerritoryRecord> SqlDirectoryStore::insert_territory(
    const std::string& id, const core::Territory& t, core::Timestamp now) {
  return TerritoryRepository::insert(tx_, id, t, now);
}

core::Result<core::CategoryRecord> SqlDirectoryStore::insert_category(
    const core::CategoryRecord& c) {
  return CategoryRepository::insert(tx_, c);
}

std::vector<core::ServiceRecord> SqlDirectoryReader::services(const core::ServiceFilter& f) {
  return ServiceRepository::list(tx_, f);
}

core::Result<core::ServiceRecord> SqlDirectoryReader::service(const std::string& id) {
  return ServiceRepository::find(tx_, id);
}

std::vector<core::OrganizationRecord> SqlDirectoryReader::organizations(const std::string& after,
                                                                        int limit) {
  return OrganizationRepository::list(tx_, after, limit);
}

core::Result<core::OrganizationRecord> SqlDirectoryReader::organization(const std::string& id) {
  return OrganizationRepository::find(tx_, id);
}

std::vector<core::TerritoryRecord> SqlDirectoryReader::territories(
    const core::TerritoryFilter& f) {
  return TerritoryRepository::list(tx_, f);
}

std::vector<core::CategoryRecord> SqlDirectoryReader::categories() {
  return CategoryRepository::list(tx_);
}

core::FeedIds SqlDirectoryReader::feed_services(const core::FeedWindow& w) {
  return DirectoryFeed::services(tx_, w);
}

core::FeedIds SqlDirectoryReader::feed_organizations(const core::FeedWindow& w) {
  return DirectoryFeed::organizations(tx_, w);
}

std::vector<std::string> SqlDirectoryReader::service_ids_of(const std::string& organization_id) {
  return DirectoryFeed::service_ids_of(tx_, organization_id);
}

std::vector<core::TerritoryRecord> SqlDirectoryReader::territory_path(
    const std::string& territory_id) {
  return DirectoryFeed::territory_path(tx_, territory_id);
}

}  // namespace enlace::storage
