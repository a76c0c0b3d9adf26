// Staff accounts: see accounts.hpp.
#include "core/use_cases/accounts.hpp"

#include "core/directory_access.hpp"
#include "core/field_checks.hpp"
#include "core/password_policy.hpp"

namespace enlace::core {

Result<NewUser> prepare_user(const Actor& actor, const UserDraft& draft, const std::string& id) {
  if (!may_manage_users(actor)) return Error::forbidden();
  FieldErrors errors;
  if (!is_valid_username(draft.username))
    errors.add("username", "must be 3 to 100 letters, digits or . _ - @");
  auto name = check_text(errors, "display_name", draft.display_name,
                         {.required = true, .max_chars = 200});
  if (auto ok = check_password(draft.password, "password"); !ok) errors.append(ok.error().fields);
  auto roles = parse_roles(draft.roles);
  if (!roles) errors.append(roles.error().fields);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  NewUser u;
  u.id = id;
  u.username = draft.username;
  u.display_name = *name;
  // An org_admin's new account joins their own organisation unless they say otherwise.
  u.organization_id = draft.organization_id.value_or(
      actor.has(Role::system_admin) ? std::string() : actor.organization_id);
  u.roles = *roles;
  u.email = draft.email;
  u.language = draft.language;
  if (auto ok = check_user_grant(actor, u.roles, u.organization_id); !ok) return ok.error();
  return u;
}

Result<UserRecord> create_user(const AccountPorts& ports, const Actor& actor,
                               const NewUser& user, Timestamp now) {
  if (!may_manage_users(actor)) return Error::forbidden();
  if (auto ok = check_user_grant(actor, user.roles, user.organization_id); !ok) return ok.error();
  auto saved = ports.store.insert_user(user, now);
  if (!saved) return saved.error();
  ports.audit.record("user.create", "user", user.id);
  return saved;
}

Result<UserPatch> make_user_patch(const UserPatchDraft& draft) {
  FieldErrors errors;
  UserPatch patch;
  if (draft.display_name)
    patch.display_name = check_text(errors, "display_name", draft.display_name,
                                    {.required = true, .max_chars = 200});
  if (draft.roles) {
    auto roles = parse_roles(*draft.roles);
    if (roles)
      patch.roles = *roles;
    else
      errors.append(roles.error().fields);
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  patch.active = draft.active;
  patch.email = draft.email;
  patch.language = draft.language;
  return patch;
}

Result<UserRecord> update_user(const AccountPorts& ports, const Actor& actor,
                               const std::string& id, std::int64_t version,
                               const UserPatch& patch, Timestamp now) {
  if (!may_manage_users(actor)) return Error::forbidden();
  auto current = ports.store.find_user(actor, id);
  if (!current) return current.error();
  // Every change, a display name included, is an action on the account (deactivating
  // oneself too); with the roles it would then hold.
  const auto& roles = patch.roles ? *patch.roles : current->roles;
  auto holder = current->holder();
  if (auto ok = check_user_grant(actor, roles, current->organization_id, &holder); !ok)
    return ok.error();
  auto saved = ports.store.update_user(actor, id, version, patch, now);
  if (!saved) return saved.error();
  // A deactivated account must stop working at once, not when its sessions expire.
  if (!saved->active) ports.sessions.end_sessions_of(id, "", now);
  ports.audit.record("user.update", "user", id);
  return saved;
}

Result<std::vector<UserRecord>> list_users(AccountReader& reader, const Actor& actor,
                                           const std::string& after, int limit) {
  if (!may_manage_users(actor)) return Error::forbidden();
  return reader.users(actor, after, limit);
}

Result<UserRecord> read_user(AccountReader& reader, const Actor& actor, const std::string& id) {
  if (!may_manage_users(actor)) return Error::forbidden();
  return reader.user(actor, id);
}

Result<void> may_administer(const Actor& actor, AccountAction action) {
  if (may_manage_users(actor)) return {};
  switch (action) {
    case AccountAction::reset_password:
      return Error::forbidden("Only administrators reset passwords.");
    case AccountAction::reset_two_factor:
      return Error::forbidden("Only administrators reset two-factor sign-in.");
    case AccountAction::end_sessions:
      return Error::forbidden("Only administrators end other users' sessions.");
  }
  return Error::forbidden();
}

namespace {

// Finds the account as the actor may see it (another organisation's: not_found), checks that
// the actor may act on it (check_user_action: never on oneself, an org_admin never on a holder
// of a network role), applies `change`, ends every session of the account and records
// `event`: one transaction.
template <class Change>
Result<void> administer(const AccountPorts& ports, const Actor& actor, AccountAction action,
                        const std::string& id, const char* event, Timestamp now, Change change) {
  if (auto ok = may_administer(actor, action); !ok) return ok.error();
  auto user = ports.store.find_user(actor, id);
  if (!user) return user.error();
  if (auto ok = check_user_action(actor, user->holder()); !ok) return ok.error();
  change();
  ports.sessions.end_sessions_of(id, "", now);
  ports.audit.record(event, "user", id);
  return {};
}

}  // namespace

Result<void> reset_password(const AccountPorts& ports, const Actor& actor, const std::string& id,
                            const std::string& password_hash, Timestamp expires_at,
                            Timestamp now) {
  return administer(ports, actor, AccountAction::reset_password, id, "user.password_reset", now,
                    [&] { ports.store.set_temporary_password(id, password_hash, expires_at, now); });
}

Result<void> reset_two_factor(const AccountPorts& ports, const Actor& actor,
                              const std::string& id, Timestamp now) {
  return administer(ports, actor, AccountAction::reset_two_factor, id, "user.two_factor_reset",
                    now, [&] { ports.store.reset_two_factor(id, now); });
}

Result<void> end_all_sessions(const AccountPorts& ports, const Actor& actor,
                              const std::string& id, Timestamp now) {
  return administer(ports, actor, AccountAction::end_sessions, id, "user.sessions_ended", now,
                    [] {});
}

Result<OwnAccount> read_own_account(AccountReader& reader, const Actor& actor) {
  Actor self = actor;
  self.roles = {Role::system_admin};  // one may always read oneself
  auto user = reader.user(self, actor.user_id);
  if (!user) return user.error();
  auto zone = reader.time_zone_of(user->organization_id);
  return OwnAccount{std::move(*user), std::move(zone)};
}

Result<UserRecord> update_own_account(const AccountPorts& ports, const Actor& actor,
                                      const UserPatch& patch, Timestamp now) {
  // Roles, organisation and active stay with the administrators.
  UserPatch own;
  own.display_name = patch.display_name;
  own.email = patch.email;
  own.language = patch.language;
  auto saved = ports.store.update_own(actor.user_id, own, now);
  if (!saved) return saved.error();
  ports.audit.record("user.update", "user", actor.user_id);
  return saved;
}

Result<std::vector<SessionRecord>> list_own_sessions(AccountReader& reader, const Actor& actor,
                                                     Timestamp now, Timestamp idle_cutoff) {
  return reader.active_sessions(actor.user_id, now, idle_cutoff);
}

Result<void> end_own_session(const AccountPorts& ports, const Actor& actor,
                             const std::string& session_id, Timestamp now) {
  if (!ports.sessions.end_session(actor.user_id, session_id, now))
    return Error::not_found("session");
  ports.audit.record("auth.session_ended", "session", session_id);
  return {};
}

Result<void> sign_out(const AccountPorts& ports, const Actor& actor, Timestamp now) {
  ports.sessions.end_session(actor.user_id, actor.session_id, now);
  ports.audit.record("auth.logout", "session", actor.session_id);
  return {};
}

Result<void> check_new_password(const std::string& new_password) {
  return check_password(new_password, "new_password");
}

Result<LoginRecord> find_own_login(AccountReader& reader, const Actor& actor) {
  auto user = reader.login_of(actor.user_id);
  if (!user) return Error::not_found("user");
  return std::move(*user);
}

Result<void> judge_current_password(const LoginRecord& stored, bool matches, Timestamp now) {
  if (!matches) return Error::invalid_field("current_password", "is not your current password");
  if (stored.password_expires_at && now >= *stored.password_expires_at)
    return Error::invalid_field(
        "current_password",
        "is a one-time password that has expired: ask an administrator to reset it again");
  return {};
}

Result<void> record_wrong_password(const AccountPorts& ports, const Actor& actor, Timestamp now) {
  ports.audit.record("user.password_changed", "user", actor.user_id, "failed");
  ports.failures.record(now);
  return {};
}

Result<void> change_password(const AccountPorts& ports, const Actor& actor,
                             const std::string& new_hash, Timestamp now) {
  ports.store.set_password(actor.user_id, new_hash, now);
  ports.failures.forgive();
  // Whoever else holds a session may be the reason for the change.
  ports.sessions.end_sessions_of(actor.user_id, actor.session_id, now);
  ports.audit.record("user.password_changed", "user", actor.user_id);
  return {};
}

}  // namespace enlace::core
