// The account ports over SQL: see sql_account_store.hpp.
#include "storage/sql_account_store.hpp"

#include "storage/territory_repository.hpp"
#include "storage/two_factor_repository.hpp"
#include "storage/user_repository.hpp"

namespace enlace::storage {

core::Result<core::UserRecord> SqlAccountStore::find_user(const core::Actor& actor,
                                                          const std::string& id) {
  return UserRepository::find_for_update(tx_, actor, id);
}
std::optional<core::LoginRecord> SqlAccountStore::login_of(const std::string& user_id) {
  return UserRepository::find_for_login(tx_, user_id, true);
}
core::Result<core::UserRecord> SqlAccountStore::insert_user(const core::NewUser& u,
                                                            core::Timestamp now) {
  return UserRepository::insert(tx_, u, now);
}
core::Result<core::UserRecord> SqlAccountStore::update_user(const core::Actor& actor,
                                                            const std::string& id,
                                                            std::int64_t version,
                                                            const core::UserPatch& patch,
                                                            core::Timestamp now) {
  return UserRepository::update(tx_, actor, id, version, patch, now);
}
core::Result<core::UserRecord> SqlAccountStore::update_own(const std::string& id,
                                                           const core::UserPatch& patch,
                                                           core::Timestamp now) {
  return UserRepository::update_own(tx_, id, patch, now);
}
void SqlAccountStore::set_password(const std::string& user_id, const std::string& hash,
                                   core::Timestamp now) {
  UserRepository::set_password(tx_, user_id, hash, now);
}
void SqlAccountStore::set_temporary_password(const std::string& user_id, const std::string& hash,
                                             core::Timestamp expires_at, core::Timestamp now) {
  UserRepository::set_temporary_password(tx_, user_id, hash, expires_at, now);
}
void SqlAccountStore::rehash_password(const std::string& user_id, const std::string& hash) {
  UserRepository::rehash_password(tx_, user_id, hash);
}
void SqlAccountStore::insert_session(const core::NewSession& s) {
  SessionRepository::insert(tx_, s);
}
std::optional<core::TwoFactorState> SqlAccountStore::two_factor(const std::string& user_id) {
  return TwoFactorRepository::find(tx_, user_id);
}
core::Result<bool> SqlAccountStore::start_two_factor(const std::string& user_id,
                                                     const std::string& secret,
                                                     core::Timestamp now) {
  return TwoFactorRepository::start_enrolment(tx_, user_id, secret, now);
}
void SqlAccountStore::enable_two_factor(const std::string& user_id, std::int64_t step,
                                        const std::vector<std::string>& recovery_code_hashes,
                                        core::Timestamp now) {
  TwoFactorRepository::enable(tx_, user_id, step, recovery_code_hashes, now);
}
bool SqlAccountStore::use_totp_step(const std::string& user_id, std::int64_t step) {
  return TwoFactorRepository::use_step(tx_, user_id, step);
}
bool SqlAccountStore::use_recovery_code(const std::string& user_id, const std::string& code_hash,
                                        core::Timestamp now) {
  return TwoFactorRepository::use_recovery_code(tx_, user_id, code_hash, now);
}
void SqlAccountStore::reset_two_factor(const std::string& user_id, core::Timestamp now) {
  TwoFactorRepository::reset(tx_, user_id, now);
}

std::vector<core::UserRecord> SqlAccountReader::users(const core::Actor& actor,
                                                      const std::string& after, int limit) {
  return UserRepository::list(tx_, actor, after, limit);
}
core::Result<core::UserRecord> SqlAccountReader::user(const core::Actor& actor,
                                                      const std::string& id) {
  return UserRepository::find(tx_, actor, id);
}
std::optional<core::LoginRecord> SqlAccountReader::login_by_name(const std::string& username) {
  return UserRepository::find_for_login(tx_, username);
}
std::optional<core::LoginRecord> SqlAccountReader::login_of(const std::string& user_id) {
  return UserRepository::find_for_login(tx_, user_id, true);
}
std::vector<core::SessionRecord> SqlAccountReader::active_sessions(const std::string& user_id,
                                                                   core::Timestamp now,
                                                                   core::Timestamp idle_cutoff) {
  return SessionRepository::list_active(tx_, user_id, now, idle_cutoff);
}
std::optional<std::string> SqlAccountReader::time_zone_of(const std::string& organization_id) {
  return TerritoryRepository::time_zone_of_organization(tx_, organization_id);
}

bool SqlAccountStore::any_user() { return UserRepository::any_user(tx_); }

}  // namespace enlace::storage
