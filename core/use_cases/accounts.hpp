// Staff accounts (API.md, Directory and administration; Authentication): an administrator
// creates, edits, deactivates and resets them; a user reads and edits their own profile, lists
// and ends their own sessions and changes their password. Each change is one transaction on
// the ports and leaves its event; a refusal rolls back and leaves none here (the dispatcher
// audits a 403 or 404 on /users as the route's, gateway/request_audit.hpp), except a wrong
// current password, whose failure commits with its event. Passwords reach these functions
// hashed: the gateway hashes off the writer, between the checks that come first
// (prepare_user, check_new_password, judge_current_password) and the write.
#pragma once

#include "core/account.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/account_ports.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// POST /users as typed.
struct UserDraft {
  std::string username, password, display_name;
  std::vector<std::string> roles;
  std::optional<std::string> organization_id;  // absent: an org_admin's own
  std::optional<std::string> email;
  std::string language;  // "" = the deployment's default
};

// PATCH /users/{id} and PATCH /me as typed: absent keys stay as they are.
struct UserPatchDraft {
  std::optional<std::string> display_name;
  std::optional<std::vector<std::string>> roles;
  std::optional<bool> active;
  std::optional<std::optional<std::string>> email;
  std::optional<std::string> language;
};

// Before the password is hashed: every field error at once (422: username, display_name, the
// password policy, roles), then who may grant what to whom (403, or 422 naming
// organization_id). The account to insert as `id`, its hash still empty.
Result<NewUser> prepare_user(const Actor& actor, const UserDraft& draft, const std::string& id);

// POST /users, `user` from prepare_user with its hash. "user.create".
Result<UserRecord> create_user(const AccountPorts& ports, const Actor& actor,
                               const NewUser& user, Timestamp now);

// A patch's field errors (422), or the patch.
Result<UserPatch> make_user_patch(const UserPatchDraft& draft);

// PATCH /users/{id} at `version`: not_found, then who may act on the account with the roles it
// would then hold (a display name too; deactivating oneself too), then stale. Deactivating
// ends every session of the account at once. "user.update".
Result<UserRecord> update_user(const AccountPorts& ports, const Actor& actor,
                               const std::string& id, std::int64_t version,
                               const UserPatch& patch, Timestamp now);

// GET /users: as the actor may see them, ordered by id after the cursor, at most `limit`
// (the handler asks one more than a page, the sign of a next page).
Result<std::vector<UserRecord>> list_users(AccountReader& reader, const Actor& actor,
                                           const std::string& after, int limit);
// GET /users/{id}.
Result<UserRecord> read_user(AccountReader& reader, const Actor& actor, const std::string& id);

// What an administrator does to another account beyond editing it.
enum class AccountAction { reset_password, reset_two_factor, end_sessions };

// Whether `actor` may do `action` at all (403 with the action's words): checked before the
// body is read and anything is hashed, and again by the use case.
Result<void> may_administer(const Actor& actor, AccountAction action);

// POST /users/{id}/reset-password: a one-time password (hashed) the user must change before
// expires_at. Ends their sessions. "user.password_reset".
Result<void> reset_password(const AccountPorts& ports, const Actor& actor, const std::string& id,
                            const std::string& password_hash, Timestamp expires_at,
                            Timestamp now);
// POST /users/{id}/reset-two-factor: the secret and every recovery code go; never one's own
// (whoever holds an administrator's session must not swap in their own authenticator). Ends
// their sessions. "user.two_factor_reset".
Result<void> reset_two_factor(const AccountPorts& ports, const Actor& actor,
                              const std::string& id, Timestamp now);
// POST /users/{id}/sessions/end-all. "user.sessions_ended".
Result<void> end_all_sessions(const AccountPorts& ports, const Actor& actor,
                              const std::string& id, Timestamp now);

// GET /me: one's own account, with the time zone the UI shows times in.
struct OwnAccount {
  UserRecord user;
  std::optional<std::string> time_zone;
};
Result<OwnAccount> read_own_account(AccountReader& reader, const Actor& actor);

// PATCH /me: display name, e-mail and language; no version. "user.update".
Result<UserRecord> update_own_account(const AccountPorts& ports, const Actor& actor,
                                      const UserPatch& patch, Timestamp now);

// GET /me/sessions: the caller's sessions still usable at `now`.
Result<std::vector<SessionRecord>> list_own_sessions(AccountReader& reader, const Actor& actor,
                                                     Timestamp now, Timestamp idle_cutoff);
// DELETE /me/sessions/{id}: one of the caller's own (someone else's is not_found).
// "auth.session_ended".
Result<void> end_own_session(const AccountPorts& ports, const Actor& actor,
                             const std::string& session_id, Timestamp now);
// POST /auth/logout: the caller's session ends. "auth.logout".
Result<void> sign_out(const AccountPorts& ports, const Actor& actor, Timestamp now);

// POST /me/password, in the order the checks run:
// the new password against the policy (422 naming new_password), before anything else;
Result<void> check_new_password(const std::string& new_password);
// the caller's own account as stored (its hash, to check the current password against);
Result<LoginRecord> find_own_login(AccountReader& reader, const Actor& actor);
// what the current password's check means: wrong (422 naming current_password), a one-time
// password that expired (422 saying so), or go on;
Result<void> judge_current_password(const LoginRecord& stored, bool matches, Timestamp now);
// a wrong one is counted and recorded (committed: "user.password_changed" failed);
Result<void> record_wrong_password(const AccountPorts& ports, const Actor& actor, Timestamp now);
// the right one: the new hash is stored, the caller's other sessions end (whoever else holds
// one may be the reason for the change), the failures are forgiven. "user.password_changed".
Result<void> change_password(const AccountPorts& ports, const Actor& actor,
                             const std::string& new_hash, Timestamp now);

}  // namespace enlace::core
