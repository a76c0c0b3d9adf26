// What the account use cases read and write (core/use_cases/accounts.hpp, sign_in.hpp,
// two_factor.hpp): staff accounts, sessions and the second factor. Users are looked up as the
// actor may see them (scoped in SQL by the adapter: an org_admin finds only their own
// organisation's accounts, another's is not_found), except where the account is the caller's
// own or the one a sign-in names. The SQL adapters (SQLite and PostgreSQL alike) are
// storage/sql_account_store.hpp, and storage/sql_session_store.hpp for ending sessions; the
// shared failure counts and the secrets are the gateway's (below).
#pragma once

#include "core/account.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// Changes, bound to one write transaction.
class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // As `actor` may see it (not_found otherwise), for a change in this transaction.
  virtual Result<UserRecord> find_user(const Actor& actor, const std::string& id) = 0;
  // One's own account, or the one a sign-in names, by id.
  virtual std::optional<LoginRecord> login_of(const std::string& user_id) = 0;
  // A taken username is 422 naming username; an unknown organisation 422 naming
  // organization_id.
  virtual Result<UserRecord> insert_user(const NewUser& u, Timestamp now) = 0;
  // At `version` (412 otherwise), as `actor` may see it.
  virtual Result<UserRecord> update_user(const Actor& actor, const std::string& id,
                                         std::int64_t version, const UserPatch& patch,
                                         Timestamp now) = 0;
  // Display name, e-mail and language of one's own account; no version.
  virtual Result<UserRecord> update_own(const std::string& id, const UserPatch& patch,
                                        Timestamp now) = 0;
  // A password the user chose: nothing left to change, no expiry.
  virtual void set_password(const std::string& user_id, const std::string& hash,
                            Timestamp now) = 0;
  // An administrator's one-time password, refused from expires_at on.
  virtual void set_temporary_password(const std::string& user_id, const std::string& hash,
                                      Timestamp expires_at, Timestamp now) = 0;
  // The same password at new cost settings; must-change and expiry stay.
  virtual void rehash_password(const std::string& user_id, const std::string& hash) = 0;

  virtual void insert_session(const NewSession& s) = 0;

  virtual std::optional<TwoFactorState> two_factor(const std::string& user_id) = 0;
  // Replaces a pending secret; conflict when two-factor is already on.
  virtual Result<bool> start_two_factor(const std::string& user_id, const std::string& secret,
                                        Timestamp now) = 0;
  // On, `step` used, the recovery codes replaced.
  virtual void enable_two_factor(const std::string& user_id, std::int64_t step,
                                 const std::vector<std::string>& recovery_code_hashes,
                                 Timestamp now) = 0;
  // False when that step or a later one was already used (a replay).
  virtual bool use_totp_step(const std::string& user_id, std::int64_t step) = 0;
  // False when unknown or already spent.
  virtual bool use_recovery_code(const std::string& user_id, const std::string& code_hash,
                                 Timestamp now) = 0;
  // Secret, "on" and every recovery code gone.
  virtual void reset_two_factor(const std::string& user_id, Timestamp now) = 0;

  // Whether any account exists at all (`init --demo` refuses a database that has one).
  virtual bool any_user() = 0;
};

// Reads, bound to one read snapshot (off the writer).
class AccountReader {
 public:
  virtual ~AccountReader() = default;

  // Ordered by id after the cursor, at most `limit`, as `actor` may see them.
  virtual std::vector<UserRecord> users(const Actor& actor, const std::string& after,
                                        int limit) = 0;
  virtual Result<UserRecord> user(const Actor& actor, const std::string& id) = 0;
  // By username (a sign-in) or by id (one's own).
  virtual std::optional<LoginRecord> login_by_name(const std::string& username) = 0;
  virtual std::optional<LoginRecord> login_of(const std::string& user_id) = 0;
  // The user's sessions neither ended, expired nor idle since before idle_cutoff.
  virtual std::vector<SessionRecord> active_sessions(const std::string& user_id, Timestamp now,
                                                     Timestamp idle_cutoff) = 0;
  // The IANA zone of the organisation's territory or its nearest ancestor with one.
  virtual std::optional<std::string> time_zone_of(const std::string& organization_id) = 0;
};

// Ending sessions, in the write that decides it; whoever holds them (a token, an open event
// stream, on any process) stops at once after it commits (the adapter tells the gateway's
// streams: core::SessionStreams, core/ports/session_store.hpp).
class SessionEndings {
 public:
  virtual ~SessionEndings() = default;
  // One of the user's own sessions; false when it is not theirs or already ended.
  virtual bool end_session(const std::string& user_id, const std::string& session_id,
                           Timestamp now) = 0;
  // Every session of the user but `except_session_id` (empty: all). How many ended.
  virtual int end_sessions_of(const std::string& user_id, const std::string& except_session_id,
                              Timestamp now) = 0;
};

// The failures of the attempt under way (sign-in, current password, enrolment code) as every
// process counts them; the gateway's (its limiter reserved the attempt before).
class AttemptFailures {
 public:
  virtual ~AttemptFailures() = default;
  virtual void record(Timestamp now) = 0;  // a wrong answer
  virtual void forgive() = 0;              // the right one: the strict key starts over
};

// The second factor's secrets and codes (HMAC and randomness are the gateway's). Cheap: they
// run inside the write. Password hashing is not here: it is slow, and runs before or after
// the write job, never on the writer.
class Credentials {
 public:
  virtual ~Credentials() = default;
  // A new TOTP secret, base32.
  virtual std::string new_totp_secret() = 0;
  // The step whose code `code` is (drift allowed), when later than last_used_step.
  virtual std::optional<std::int64_t> match_totp(const std::string& secret_base32,
                                                 const std::string& code, Timestamp now,
                                                 std::int64_t last_used_step) = 0;
  // Whether `text` has the shape of a TOTP code (else it may be a recovery code).
  virtual bool looks_like_totp(const std::string& text) = 0;
  // New recovery codes, to be shown once.
  virtual std::vector<std::string> new_recovery_codes() = 0;
  // The stored hash of the recovery code `text` typed for `user_id`; nullopt when it cannot
  // be one.
  virtual std::optional<std::string> recovery_code_hash(const std::string& user_id,
                                                        const std::string& text) = 0;
};

}  // namespace enlace::core
