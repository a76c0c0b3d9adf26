// In-memory account ports for the use-case tests, answering as the SQL adapter does
// (storage/sql_account_store.hpp): a system_admin finds every account, anyone else only their
// own organisation's (another's is not_found); updates check the version (412); a taken
// username is 422 naming it. The session endings, failure counts and credentials keep what
// they were asked, so that a test reads what a use case left. The credentials are fakes: the
// right TOTP code is kGoodCode at any step after the last used one, recovery codes are
// "rc-..." and their hash is "hash:<user>:<code>".
#pragma once

#include "core/ports/account_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace enlace::core::testing {

class MemoryAccounts final : public AccountStore,
                             public AccountReader,
                             public SessionEndings,
                             public AttemptFailures,
                             public Credentials {
 public:
  static constexpr const char* kGoodCode = "123456";
  static constexpr std::int64_t kStep = 1000;  // the step every good code matches

  std::map<std::string, LoginRecord> accounts;  // by id
  std::map<std::string, SessionRecord> sessions;
  std::map<std::string, TwoFactorState> two_factors;
  std::map<std::string, std::set<std::string>> recovery_codes;  // unspent hashes, by user
  std::map<std::string, std::string> time_zones;                // by organisation
  int failures_recorded = 0, forgiven = 0;

  // An account with a password hash "hash:<password>".
  LoginRecord& add_user(const std::string& id, const std::string& org, std::vector<Role> roles,
                        const std::string& password = "right") {
    LoginRecord r;
    r.user.id = id;
    r.user.username = "user-" + id;
    r.user.display_name = "User " + id;
    r.user.organization_id = org;
    r.user.roles = std::move(roles);
    r.password_hash = "hash:" + password;
    return accounts[id] = r;
  }
  SessionRecord& add_session(const std::string& id, const std::string& user_id) {
    SessionRecord s;
    s.id = id;
    s.user_id = user_id;
    return sessions[id] = s;
  }
  bool ended(const std::string& session_id) const {
    return sessions.at(session_id).ended_at.has_value();
  }

  // AccountStore
  Result<UserRecord> find_user(const Actor& actor, const std::string& id) override {
    return user(actor, id);
  }
  std::optional<LoginRecord> login_of(const std::string& user_id) override {
    auto it = accounts.find(user_id);
    if (it == accounts.end()) return std::nullopt;
    LoginRecord r = it->second;
    if (auto tf = two_factors.find(user_id); tf != two_factors.end()) {
      r.user.totp_enabled = tf->second.enabled;
      r.totp_secret = tf->second.secret;
      r.totp_last_step = tf->second.last_step;
    }
    return r;
  }
  Result<UserRecord> insert_user(const NewUser& u, Timestamp now) override {
    for (const auto& [id, r] : accounts)
      if (r.user.username == u.username)
        return Error::invalid_field("username", "is already taken");
    LoginRecord r;
    r.user.id = u.id;
    r.user.username = u.username;
    r.user.display_name = u.display_name;
    r.user.organization_id = u.organization_id;
    r.user.roles = u.roles;
    r.user.email = u.email;
    r.user.language = u.language;
    r.user.created_at = r.user.updated_at = now;
    r.password_hash = u.password_hash;
    return (accounts[u.id] = r).user;
  }
  Result<UserRecord> update_user(const Actor& actor, const std::string& id, std::int64_t version,
                                 const UserPatch& patch, Timestamp now) override {
    auto found = user(actor, id);
    if (!found) return found.error();
    UserRecord& u = accounts[id].user;
    if (u.version != version) return Error::stale();
    apply(u, patch, now);
    if (patch.roles) u.roles = *patch.roles;
    if (patch.active) u.active = *patch.active;
    return u;
  }
  Result<UserRecord> update_own(const std::string& id, const UserPatch& patch,
                                Timestamp now) override {
    auto it = accounts.find(id);
    if (it == accounts.end()) return Error::not_found("user");
    apply(it->second.user, patch, now);
    return it->second.user;
  }
  void set_password(const std::string& user_id, const std::string& hash, Timestamp) override {
    accounts[user_id].password_hash = hash;
    accounts[user_id].password_expires_at.reset();
    accounts[user_id].user.must_change_password = false;
  }
  void set_temporary_password(const std::string& user_id, const std::string& hash,
                              Timestamp expires_at, Timestamp) override {
    accounts[user_id].password_hash = hash;
    accounts[user_id].password_expires_at = expires_at;
    accounts[user_id].user.must_change_password = true;
  }
  void rehash_password(const std::string& user_id, const std::string& hash) override {
    accounts[user_id].password_hash = hash;
  }
  void insert_session(const NewSession& s) override {
    SessionRecord r;
    r.id = s.id;
    r.user_id = s.user_id;
    r.address = s.address;
    r.user_agent = s.user_agent;
    r.created_at = r.last_used_at = s.created_at;
    r.expires_at = s.expires_at;
    sessions[s.id] = r;
  }
  std::optional<TwoFactorState> two_factor(const std::string& user_id) override {
    if (!accounts.count(user_id)) return std::nullopt;
    return two_factors[user_id];
  }
  Result<bool> start_two_factor(const std::string& user_id, const std::string& secret,
                                Timestamp) override {
    auto& tf = two_factors[user_id];
    if (tf.enabled) return Error::conflict("totp-already-enabled", "on");
    tf.secret = secret;
    return true;
  }
  void enable_two_factor(const std::string& user_id, std::int64_t step,
                         const std::vector<std::string>& hashes, Timestamp) override {
    auto& tf = two_factors[user_id];
    tf.enabled = true;
    tf.last_step = step;
    accounts[user_id].user.totp_enabled = true;
    recovery_codes[user_id] = {hashes.begin(), hashes.end()};
  }
  bool use_totp_step(const std::string& user_id, std::int64_t step) override {
    auto& tf = two_factors[user_id];
    if (step <= tf.last_step) return false;
    tf.last_step = step;
    return true;
  }
  bool use_recovery_code(const std::string& user_id, const std::string& code_hash,
                         Timestamp) override {
    return recovery_codes[user_id].erase(code_hash) == 1;
  }
  bool any_user() override { return !accounts.empty(); }
  void reset_two_factor(const std::string& user_id, Timestamp) override {
    two_factors.erase(user_id);
    recovery_codes.erase(user_id);
    accounts[user_id].user.totp_enabled = false;
  }

  // AccountReader
  std::vector<UserRecord> users_of(const Actor& actor) {
    std::vector<UserRecord> out;
    for (const auto& [id, r] : accounts)
      if (sees(actor, r.user)) out.push_back(r.user);
    return out;
  }
  std::vector<UserRecord> users(const Actor& actor, const std::string& after,
                                int limit) override {
    std::vector<UserRecord> out;
    for (auto& u : users_of(actor))
      if (u.id > after && static_cast<int>(out.size()) < limit) out.push_back(u);
    return out;
  }
  Result<UserRecord> user(const Actor& actor, const std::string& id) override {
    auto it = accounts.find(id);
    if (it == accounts.end() || !sees(actor, it->second.user)) return Error::not_found("user");
    return it->second.user;
  }
  std::optional<LoginRecord> login_by_name(const std::string& username) override {
    for (const auto& [id, r] : accounts)
      if (r.user.username == username) return login_of(id);
    return std::nullopt;
  }
  std::vector<SessionRecord> active_sessions(const std::string& user_id, Timestamp now,
                                             Timestamp idle_cutoff) override {
    std::vector<SessionRecord> out;
    for (const auto& [id, s] : sessions)
      if (s.user_id == user_id && !s.ended_at && s.expires_at > now &&
          s.last_used_at >= idle_cutoff)
        out.push_back(s);
    return out;
  }
  std::optional<std::string> time_zone_of(const std::string& organization_id) override {
    auto it = time_zones.find(organization_id);
    if (it == time_zones.end()) return std::nullopt;
    return it->second;
  }

  // SessionEndings
  bool end_session(const std::string& user_id, const std::string& session_id,
                   Timestamp now) override {
    auto it = sessions.find(session_id);
    if (it == sessions.end() || it->second.user_id != user_id || it->second.ended_at)
      return false;
    it->second.ended_at = now;
    return true;
  }
  int end_sessions_of(const std::string& user_id, const std::string& except_session_id,
                      Timestamp now) override {
    int n = 0;
    for (auto& [id, s] : sessions)
      if (s.user_id == user_id && id != except_session_id && !s.ended_at) {
        s.ended_at = now;
        ++n;
      }
    return n;
  }

  // AttemptFailures
  void record(Timestamp) override { ++failures_recorded; }
  void forgive() override { ++forgiven; }

  // Credentials
  std::string new_totp_secret() override { return "SECRET" + std::to_string(++secrets_); }
  std::optional<std::int64_t> match_totp(const std::string&, const std::string& code, Timestamp,
                                         std::int64_t last_used_step) override {
    if (code != kGoodCode || kStep <= last_used_step) return std::nullopt;
    return kStep;
  }
  bool looks_like_totp(const std::string& text) override {
    return text.size() == 6 && std::all_of(text.begin(), text.end(), [](char c) {
             return c >= '0' && c <= '9';
           });
  }
  std::vector<std::string> new_recovery_codes() override { return {"rc-1", "rc-2", "rc-3"}; }
  std::optional<std::string> recovery_code_hash(const std::string& user_id,
                                                const std::string& text) override {
    if (text.rfind("rc-", 0) != 0) return std::nullopt;
    return "hash:" + user_id + ":" + text;
  }

 private:
  int secrets_ = 0;

  static bool sees(const Actor& actor, const UserRecord& u) {
    return actor.has(Role::system_admin) || u.organization_id == actor.organization_id;
  }
  static void apply(UserRecord& u, const UserPatch& patch, Timestamp now) {
    if (patch.display_name) u.display_name = *patch.display_name;
    if (patch.email) u.email = *patch.email;
    if (patch.language) u.language = *patch.language;
    u.version += 1;
    u.updated_at = now;
  }
};

}  // namespace enlace::core::testing
