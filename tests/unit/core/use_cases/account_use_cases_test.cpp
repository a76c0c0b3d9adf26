// The account use cases on in-memory ports: who may create, edit, deactivate and reset whom
// (an org_admin only within their organisation and never a network role; nobody on their own
// account), the password policy, what a sign-out or a password change ends, and the event
// each change leaves. Refusals roll back and leave no event here (the dispatcher audits a 403
// or 404 on /users), except a wrong current password, whose failure event and count commit.
#include "core/use_cases/accounts.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_account_store.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::MemoryAccounts;
using testing::MemoryAuditTrail;
using testing::names_field;
using testing::RecordedAudit;

class AccountUseCases : public ::testing::Test {
 protected:
  void SetUp() override {
    accounts.add_user("u-admin-a", "org-a", {Role::org_admin});
    accounts.add_user("u-cw-a", "org-a", {Role::caseworker});
    accounts.add_user("u-coord-a", "org-a", {Role::coordinator});
    accounts.add_user("u-cw-b", "org-b", {Role::caseworker});
    accounts.add_session("s-cw-1", "u-cw-a");
    accounts.add_session("s-cw-2", "u-cw-a");
  }

  MemoryAccounts accounts;
  MemoryAuditTrail audit;
  AccountPorts ports{accounts, audit, accounts, accounts, accounts};
  Timestamp now = at("2026-12-07T09:00:00Z");
  Actor admin_a{"u-admin-a", "org-a", {Role::org_admin}, "s-admin"};
  Actor caseworker_a{"u-cw-a", "org-a", {Role::caseworker}, "s-cw-1"};
  Actor system_admin{"u-sys", "", {Role::system_admin}, "s-sys"};

  static UserDraft draft(std::vector<std::string> roles = {"caseworker"}) {
    UserDraft d;
    d.username = "new.user";
    d.password = "a long enough passphrase for this";
    d.display_name = "New User";
    d.roles = std::move(roles);
    return d;
  }
  UserRecord version_of(const std::string& id) { return accounts.accounts.at(id).user; }
};

TEST_F(AccountUseCases, AnOrgAdminCreatesACaseworkerInTheirOwnOrganisation) {
  auto prepared = prepare_user(admin_a, draft(), "u-new");
  ASSERT_TRUE(prepared.has_value()) << testing::fields_of(prepared.error());
  EXPECT_EQ(prepared->organization_id, "org-a");
  prepared->password_hash = "hash:x";
  auto saved = create_user(ports, admin_a, *prepared, now);
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(saved->username, "new.user");
  EXPECT_EQ(accounts.accounts.at("u-new").password_hash, "hash:x");
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"user.create", "user", "u-new", "ok"}}));
}

TEST_F(AccountUseCases, EveryFieldErrorOfANewAccountComesAtOnceBeforeAnyHash) {
  UserDraft d = draft({"caseworker", "wizard"});
  d.username = "x";
  d.password = "short";
  d.display_name = "";
  auto prepared = prepare_user(admin_a, d, "u-new");
  ASSERT_FALSE(prepared.has_value());
  EXPECT_TRUE(names_field(prepared.error(), "username"));
  EXPECT_TRUE(names_field(prepared.error(), "display_name"));
  EXPECT_TRUE(names_field(prepared.error(), "password"));
  EXPECT_TRUE(names_field(prepared.error(), "roles[1]"));
}

TEST_F(AccountUseCases, ACommonPasswordIsRefusedByThePolicy) {
  UserDraft d = draft();
  d.password = "password1234";
  auto prepared = prepare_user(admin_a, d, "u-new");
  ASSERT_FALSE(prepared.has_value());
  EXPECT_TRUE(names_field(prepared.error(), "password"));
}

TEST_F(AccountUseCases, AnOrgAdminGrantsNoNetworkRoleAndNoOtherOrganisation) {
  auto network = prepare_user(admin_a, draft({"system_admin"}), "u-new");
  ASSERT_FALSE(network.has_value());
  EXPECT_EQ(network.error().code, ErrorCode::forbidden);
  UserDraft elsewhere = draft();
  elsewhere.organization_id = "org-b";
  auto other = prepare_user(admin_a, elsewhere, "u-new");
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::forbidden);
  // Nor on the writer, whatever reached it.
  NewUser u;
  u.id = "u-new";
  u.username = "new.user";
  u.organization_id = "org-a";
  u.roles = {Role::auditor};
  auto saved = create_user(ports, admin_a, u, now);
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::forbidden);
  EXPECT_FALSE(accounts.accounts.count("u-new"));
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(AccountUseCases, ACaseworkerManagesNoAccount) {
  EXPECT_EQ(prepare_user(caseworker_a, draft(), "u-new").error().code, ErrorCode::forbidden);
  EXPECT_EQ(read_user(accounts, caseworker_a, "u-cw-a").error().code, ErrorCode::forbidden);
  EXPECT_EQ(list_users(accounts, caseworker_a, "", 10).error().code, ErrorCode::forbidden);
  UserPatch p;
  p.display_name = "X";
  EXPECT_EQ(update_user(ports, caseworker_a, "u-cw-a", 1, p, now).error().code,
            ErrorCode::forbidden);
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(AccountUseCases, AnOrgAdminListsOnlyTheirOrganisation) {
  auto page = list_users(accounts, admin_a, "", 10);
  ASSERT_TRUE(page.has_value());
  std::vector<std::string> ids;
  for (const auto& u : *page) ids.push_back(u.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"u-admin-a", "u-coord-a", "u-cw-a"}));
  EXPECT_EQ(read_user(accounts, admin_a, "u-cw-b").error().code, ErrorCode::not_found);
}

TEST_F(AccountUseCases, DeactivatingAnAccountEndsItsSessionsAndLeavesOneEvent) {
  UserPatch p;
  p.active = false;
  auto saved = update_user(ports, admin_a, "u-cw-a", 1, p, now);
  ASSERT_TRUE(saved.has_value());
  EXPECT_FALSE(saved->active);
  EXPECT_TRUE(accounts.ended("s-cw-1"));
  EXPECT_TRUE(accounts.ended("s-cw-2"));
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"user.update", "user", "u-cw-a", "ok"}}));
}

TEST_F(AccountUseCases, AnEditAtAStaleVersionChangesNothing) {
  UserPatch p;
  p.display_name = "Renamed";
  auto saved = update_user(ports, admin_a, "u-cw-a", 7, p, now);
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::stale);
  EXPECT_EQ(version_of("u-cw-a").display_name, "User u-cw-a");
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(AccountUseCases, AnotherOrganisationsAccountIsNotFoundAndANetworkRoleForbidden) {
  UserPatch p;
  p.display_name = "Renamed";
  EXPECT_EQ(update_user(ports, admin_a, "u-cw-b", 1, p, now).error().code, ErrorCode::not_found);
  EXPECT_EQ(update_user(ports, admin_a, "u-coord-a", 1, p, now).error().code,
            ErrorCode::forbidden);
  UserPatch promote;
  promote.roles = std::vector<Role>{Role::auditor};
  EXPECT_EQ(update_user(ports, admin_a, "u-cw-a", 1, promote, now).error().code,
            ErrorCode::forbidden);
  EXPECT_TRUE(audit.events.empty());
  EXPECT_FALSE(accounts.ended("s-cw-1"));
}

TEST_F(AccountUseCases, APatchReportsItsFieldErrors) {
  UserPatchDraft d;
  d.display_name = "";
  d.roles = std::vector<std::string>{"nobody"};
  auto patch = make_user_patch(d);
  ASSERT_FALSE(patch.has_value());
  EXPECT_TRUE(names_field(patch.error(), "display_name"));
  EXPECT_TRUE(names_field(patch.error(), "roles[0]"));
}

TEST_F(AccountUseCases, APasswordResetSetsAOneTimePasswordAndEndsTheSessions) {
  Timestamp expires = now + std::chrono::hours(72);
  auto done = reset_password(ports, admin_a, "u-cw-a", "hash:temp", expires, now);
  ASSERT_TRUE(done.has_value());
  const auto& stored = accounts.accounts.at("u-cw-a");
  EXPECT_EQ(stored.password_hash, "hash:temp");
  EXPECT_EQ(stored.password_expires_at, expires);
  EXPECT_TRUE(stored.user.must_change_password);
  EXPECT_TRUE(accounts.ended("s-cw-1"));
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"user.password_reset", "user", "u-cw-a", "ok"}}));
}

TEST_F(AccountUseCases, NobodyResetsTheirOwnAccountAndACaseworkerNoOne) {
  EXPECT_EQ(reset_two_factor(ports, admin_a, "u-admin-a", now).error().code, ErrorCode::forbidden);
  auto refused = end_all_sessions(ports, caseworker_a, "u-cw-a", now);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().detail, "Only administrators end other users' sessions.");
  EXPECT_EQ(reset_password(ports, admin_a, "u-cw-b", "h", now, now).error().code,
            ErrorCode::not_found);
  EXPECT_TRUE(audit.events.empty());
  EXPECT_FALSE(accounts.ended("s-cw-1"));
}

TEST_F(AccountUseCases, ATwoFactorResetTurnsItOffAndEndsTheSessions) {
  accounts.enable_two_factor("u-cw-a", 5, {"hash:u-cw-a:rc-1"}, now);
  ASSERT_TRUE(reset_two_factor(ports, system_admin, "u-cw-a", now).has_value());
  EXPECT_FALSE(accounts.login_of("u-cw-a")->user.totp_enabled);
  EXPECT_FALSE(accounts.use_recovery_code("u-cw-a", "hash:u-cw-a:rc-1", now));
  EXPECT_TRUE(accounts.ended("s-cw-2"));
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"user.two_factor_reset", "user", "u-cw-a", "ok"}}));
}

TEST_F(AccountUseCases, SigningOutEndsOnlyTheCallersSession) {
  ASSERT_TRUE(sign_out(ports, caseworker_a, now).has_value());
  EXPECT_TRUE(accounts.ended("s-cw-1"));
  EXPECT_FALSE(accounts.ended("s-cw-2"));
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"auth.logout", "session", "s-cw-1", "ok"}}));
}

TEST_F(AccountUseCases, SomeoneElsesSessionIsNotFound) {
  accounts.add_session("s-b", "u-cw-b");
  auto done = end_own_session(ports, caseworker_a, "s-b", now);
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().code, ErrorCode::not_found);
  EXPECT_FALSE(accounts.ended("s-b"));
  EXPECT_TRUE(audit.events.empty());
  ASSERT_TRUE(end_own_session(ports, caseworker_a, "s-cw-2", now).has_value());
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"auth.session_ended", "session", "s-cw-2", "ok"}}));
}

TEST_F(AccountUseCases, OnesOwnProfileChangesNeitherRolesNorActive) {
  UserPatch p;
  p.display_name = "Me";
  p.roles = std::vector<Role>{Role::system_admin};
  p.active = false;
  auto saved = update_own_account(ports, caseworker_a, p, now);
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(saved->display_name, "Me");
  EXPECT_EQ(saved->roles, std::vector<Role>{Role::caseworker});
  EXPECT_TRUE(saved->active);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"user.update", "user", "u-cw-a", "ok"}}));
}

TEST_F(AccountUseCases, OnesOwnAccountReadsWithItsTimeZone) {
  accounts.time_zones["org-b"] = "America/Guayaquil";
  Actor cw_b{"u-cw-b", "org-b", {Role::caseworker}, "s"};
  auto own = read_own_account(accounts, cw_b);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->user.id, "u-cw-b");
  EXPECT_EQ(own->time_zone, "America/Guayaquil");
}

TEST_F(AccountUseCases, ThePasswordChangeChecksRunInOrder) {
  EXPECT_TRUE(names_field(check_new_password("short").error(), "new_password"));
  auto stored = find_own_login(accounts, caseworker_a);
  ASSERT_TRUE(stored.has_value());
  auto wrong = judge_current_password(*stored, false, now);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_TRUE(names_field(wrong.error(), "current_password"));
  stored->password_expires_at = now;
  auto expired = judge_current_password(*stored, true, now);
  ASSERT_FALSE(expired.has_value());
  EXPECT_NE(expired.error().fields.items().at(0).message.find("expired"), std::string::npos);
  stored->password_expires_at = now + std::chrono::minutes(1);
  EXPECT_TRUE(judge_current_password(*stored, true, now).has_value());
}

TEST_F(AccountUseCases, AWrongCurrentPasswordIsCountedAndRecorded) {
  ASSERT_TRUE(record_wrong_password(ports, caseworker_a, now).has_value());
  EXPECT_EQ(accounts.failures_recorded, 1);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"user.password_changed", "user", "u-cw-a", "failed"}}));
}

TEST_F(AccountUseCases, AChangedPasswordEndsTheOtherSessionsAndForgivesTheFailures) {
  accounts.accounts.at("u-cw-a").password_expires_at = now;
  ASSERT_TRUE(change_password(ports, caseworker_a, "hash:new", now).has_value());
  EXPECT_EQ(accounts.accounts.at("u-cw-a").password_hash, "hash:new");
  EXPECT_FALSE(accounts.accounts.at("u-cw-a").password_expires_at);
  EXPECT_FALSE(accounts.ended("s-cw-1")) << "the caller's own session goes on";
  EXPECT_TRUE(accounts.ended("s-cw-2"));
  EXPECT_EQ(accounts.forgiven, 1);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"user.password_changed", "user", "u-cw-a", "ok"}}));
}

}  // namespace
}  // namespace enlace::core
