// The directory use cases' ports over SQL (core/ports/directory_store.hpp): the store over
// one write transaction, the reader over one read snapshot. Thin: each call is a repository
// function (service_, organization_, territory_, category_repository.hpp). storage's
// Connection speaks SQLite and PostgreSQL alike, so these serve both.
#pragma once

#include "core/ports/directory_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlDirectoryStore final : public core::DirectoryStore {
 public:
  explicit SqlDirectoryStore(WriteTxn& tx) : tx_(tx) {}

  core::Result<core::ServiceRecord> find_service(const std::string& id) override;
  core::Result<core::ServiceRecord> insert_service(const std::string& id,
                                                   const core::ServiceListing& s,
                                                   core::Timestamp now) override;
  core::Result<core::ServiceRecord> update_service(const std::string& id, std::int64_t version,
                                                   const core::ServiceListing& s,
                                                   core::Timestamp now) override;
  core::Result<core::ServiceRecord> mark_service_verified(const std::string& id,
                                                          core::Timestamp now) override;
  core::Result<core::OrganizationRecord> find_organization(const std::string& id) override;
  core::Result<core::OrganizationRecord> insert_organization(const std::string& id,
                                                             const core::Organization& o,
                                                             core::Timestamp now) override;
  core::Result<core::OrganizationRecord> update_organization(const std::string& id,
                                                             std::int64_t version,
                                                             const core::Organization& o,
                                                             core::Timestamp now) override;
  bool territory_exists(const std::string& id) override;
  bool category_exists(const std::string& code) override;
  core::Result<core::TerritoryRecord> insert_territory(const std::string& id,
                                                       const core::Territory& t,
                                                       core::Timestamp now) override;
  core::Result<core::CategoryRecord> insert_category(const core::CategoryRecord& c) override;

 private:
  WriteTxn& tx_;
};

class SqlDirectoryReader final : public core::DirectoryReader {
 public:
  explicit SqlDirectoryReader(ReadTxn& tx) : tx_(tx) {}

  std::vector<core::ServiceRecord> services(const core::ServiceFilter& f) override;
  core::Result<core::ServiceRecord> service(const std::string& id) override;
  std::vector<core::OrganizationRecord> organizations(const std::string& after,
                                                      int limit) override;
  core::Result<core::OrganizationRecord> organization(const std::string& id) override;
  std::vector<core::TerritoryRecord> territories(const core::TerritoryFilter& f) override;
  std::vector<core::CategoryRecord> categories() override;
  core::FeedIds feed_services(const core::FeedWindow& w) override;
  core::FeedIds feed_organizations(const core::FeedWindow& w) override;
  std::vector<std::string> service_ids_of(const std::string& organization_id) override;
  std::vector<core::TerritoryRecord> territory_path(const std::string& territory_id) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
