// The account use cases' ports over SQL (core/ports/account_store.hpp): the store over one
// write transaction, the reader over one read snapshot. Thin: each call is a repository
// function (user_repository.hpp, two_factor_repository.hpp, territory_repository.hpp), whose
// SQL scopes users by the actor. storage's Connection speaks SQLite and PostgreSQL alike, so
// these serve both.
#pragma once

#include "core/ports/account_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlAccountStore final : public core::AccountStore {
 public:
  explicit SqlAccountStore(WriteTxn& tx) : tx_(tx) {}

  core::Result<core::UserRecord> find_user(const core::Actor& actor,
                                           const std::string& id) override;
  std::optional<core::LoginRecord> login_of(const std::string& user_id) override;
  core::Result<core::UserRecord> insert_user(const core::NewUser& u, core::Timestamp now) override;
  core::Result<core::UserRecord> update_user(const core::Actor& actor, const std::string& id,
                                             std::int64_t version, const core::UserPatch& patch,
                                             core::Timestamp now) override;
  core::Result<core::UserRecord> update_own(const std::string& id, const core::UserPatch& patch,
                                            core::Timestamp now) override;
  void set_password(const std::string& user_id, const std::string& hash,
                    core::Timestamp now) override;
  void set_temporary_password(const std::string& user_id, const std::string& hash,
                              core::Timestamp expires_at, core::Timestamp now) override;
  void rehash_password(const std::string& user_id, const std::string& hash) override;
  void insert_session(const core::NewSession& s) override;
  std::optional<core::TwoFactorState> two_factor(const std::string& user_id) override;
  core::Result<bool> start_two_factor(const std::string& user_id, const std::string& secret,
                                      core::Timestamp now) override;
  void enable_two_factor(const std::string& user_id, std::int64_t step,
                         const std::vector<std::string>& recovery_code_hashes,
                         core::Timestamp now) override;
  bool use_totp_step(const std::string& user_id, std::int64_t step) override;
  bool use_recovery_code(const std::string& user_id, const std::string& code_hash,
                         core::Timestamp now) override;
  void reset_two_factor(const std::string& user_id, core::Timestamp now) override;
  bool any_user() override;

 private:
  WriteTxn& tx_;
};

class SqlAccountReader final : public core::AccountReader {
 public:
  explicit SqlAccountReader(ReadTxn& tx) : tx_(tx) {}

  std::vector<core::UserRecord> users(const core::Actor& actor, const std::string& after,
                                      int limit) override;
  core::Result<core::UserRecord> user(const core::Actor& actor, const std::string& id) override;
  std::optional<core::LoginRecord> login_by_name(const std::string& username) override;
  std::optional<core::LoginRecord> login_of(const std::string& user_id) override;
  std::vector<core::SessionRecord> active_sessions(const std::string& user_id,
                                                   core::Timestamp now,
                                                   core::Timestamp idle_cutoff) override;
  std::optional<std::string> time_zone_of(const std::string& organization_id) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
