// Two-factor sign-in over HTTP (API.md, Authentication): enrolment, codes computed by the test
// itself (support/totp_code), replay, recovery codes, the role gate while not enrolled, and an
// administrator's reset for a lost authenticator.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"
#include "support/totp_code.hpp"

#include <gtest/gtest.h>

using enlace::test::ServerProcess;
using enlace::test::totp_code;
using enlace::test::unix_seconds;
namespace json = boost::json;

namespace {

std::string problem_type(const enlace::test::HttpResponse& r) {
  auto t = std::string(r.json().at("type").as_string());
  return t.substr(t.rfind('/') + 1);
}

enlace::test::HttpResponse login_with(ServerProcess& s, const std::string& user, const std::string& totp) {
  return s.post("/api/v1/auth/login",
                {{"username", user}, {"password", ServerProcess::kPassword}, {"totp", totp}});
}

struct Enrolled {
  std::string secret;
  std::vector<std::string> recovery_codes;
};

// Enrols `token`'s user with a code for the server's current time.
Enrolled enrol(ServerProcess& s, const std::string& token) {
  auto start = s.post("/api/v1/me/totp", json::object{}, token);
  if (start.status != 200) throw std::runtime_error("enrol: " + start.body);
  Enrolled e;
  auto started = start.json();
  e.secret = std::string(started.at("secret").as_string());
  auto code = totp_code(e.secret, unix_seconds(s.now()));
  auto confirm = s.post("/api/v1/me/totp/confirm", {{"code", code}}, token);
  if (confirm.status != 200) throw std::runtime_error("confirm: " + confirm.body);
  auto confirmed = confirm.json();
  for (const auto& c : confirmed.at("recovery_codes").as_array())
    e.recovery_codes.emplace_back(c.as_string());
  return e;
}

}  // namespace

TEST(TwoFactorTest, EnrolmentGivesASecretAndAProvisioningUri) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");
  auto r = s.post("/api/v1/me/totp", json::object{}, token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("cache-control"), "no-store");
  auto secret = std::string(r.json().at("secret").as_string());
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_EQ(std::string(r.json().at("otpauth_uri").as_string()),
            "otpauth://totp/Enlace:ana?secret=" + secret +
                "&issuer=Enlace&algorithm=SHA1&digits=6&period=30");
  // No body at all is accepted too, and starts over with a new secret.
  auto again = s.send({"POST", "/api/v1/me/totp", {}, ""}, token);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_NE(again.json().at("secret").as_string(), secret);
}

TEST(TwoFactorTest, ConfirmWithAWrongCodeChangesNothing) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");
  auto started = s.post("/api/v1/me/totp", json::object{}, token).json();
  auto secret = std::string(started.at("secret").as_string());
  auto right = totp_code(secret, unix_seconds(s.now()));
  auto wrong = right == "000000" ? std::string("111111") : std::string("000000");
  auto r = s.post("/api/v1/me/totp/confirm", {{"code", wrong}}, token);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("errors").as_array().at(0).at("field").as_string(), "code");
  EXPECT_NO_THROW(s.login("ana")) << "two-factor must still be off";
}

TEST(TwoFactorTest, SignInNeedsTheCodeOnceEnrolled) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");
  auto e = enrol(s, token);
  ASSERT_EQ(e.recovery_codes.size(), 10u);

  auto missing = s.post("/api/v1/auth/login", {{"username", "ana"}, {"password", ServerProcess::kPassword}});
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(problem_type(missing), "totp-required");

  s.advance_minutes(1);  // the enrolment code's step is spent; take a fresh one
  auto code = totp_code(e.secret, unix_seconds(s.now()));
  auto ok = login_with(s, "ana", code);
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto fresh = std::string(ok.json().at("token").as_string());
  EXPECT_EQ(s.get("/api/v1/me/sessions", fresh).status, 200);
}

TEST(TwoFactorTest, WrongCodeIsRefusedWithTheSameLimiterAsPasswords) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto e = enrol(s, s.login("ana"));
  s.advance_minutes(1);
  auto right = totp_code(e.secret, unix_seconds(s.now()));
  auto wrong = right == "000000" ? std::string("111111") : std::string("000000");
  auto r = login_with(s, "ana", wrong);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(problem_type(r), "invalid-totp");
  EXPECT_EQ(login_with(s, "ana", "not-a-code").status, 401);
  int last = 0;
  for (int i = 0; i < 10; ++i) last = login_with(s, "ana", wrong).status;
  EXPECT_EQ(last, 429);
  EXPECT_EQ(login_with(s, "ana", right).status, 429) << "the right code must not bypass the limit";
}

// The sign-in limit counts wrong answers only: being asked for the code is not one.
TEST(TwoFactorTest, AskingForTheSecondFactorIsNotAFailure) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto e = enrol(s, s.login("ana"));
  s.advance_minutes(1);
  for (int i = 0; i < 15; ++i) {
    auto r = s.post("/api/v1/auth/login", {{"username", "ana"}, {"password", ServerProcess::kPassword}});
    ASSERT_EQ(r.status, 401) << i;
    EXPECT_EQ(problem_type(r), "totp-required");
  }
  EXPECT_EQ(login_with(s, "ana", totp_code(e.secret, unix_seconds(s.now()))).status, 200);
}

TEST(TwoFactorTest, ACodeWorksOnlyOnce) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto e = enrol(s, s.login("ana"));
  s.advance_minutes(1);
  auto code = totp_code(e.secret, unix_seconds(s.now()));
  ASSERT_EQ(login_with(s, "ana", code).status, 200);
  auto replay = login_with(s, "ana", code);
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(problem_type(replay), "invalid-totp");
  s.advance_minutes(1);
  EXPECT_EQ(login_with(s, "ana", totp_code(e.secret, unix_seconds(s.now()))).status, 200);
}

TEST(TwoFactorTest, OneStepOfClockDriftIsToleratedButNotTwo) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto e = enrol(s, s.login("ana"));
  s.advance_minutes(5);
  auto now = unix_seconds(s.now());
  EXPECT_EQ(login_with(s, "ana", totp_code(e.secret, now + 30)).status, 200) << "phone 30 s ahead";
  s.advance_minutes(5);
  now = unix_seconds(s.now());
  EXPECT_EQ(login_with(s, "ana", totp_code(e.secret, now - 90)).status, 401) << "90 s behind";
}

TEST(TwoFactorTest, ARecoveryCodeWorksOnce) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto e = enrol(s, s.login("ana"));
  auto code = e.recovery_codes.at(3);
  auto first = login_with(s, "ana", code);
  ASSERT_EQ(first.status, 200) << first.body;
  auto again = login_with(s, "ana", code);
  EXPECT_EQ(again.status, 401);
  EXPECT_EQ(problem_type(again), "invalid-totp");
  // Another code, typed in capitals with a hyphen, still works.
  std::string typed = e.recovery_codes.at(4).substr(0, 5) + "-" + e.recovery_codes.at(4).substr(5);
  for (auto& ch : typed) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_EQ(login_with(s, "ana", typed).status, 200);
}

TEST(TwoFactorTest, EnrolmentCannotBeRestartedOnceOn) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");
  enrol(s, token);
  auto r = s.post("/api/v1/me/totp", json::object{}, token);
  EXPECT_EQ(r.status, 409);
}

TEST(TwoFactorTest, RequiredRolesReachOnlyAccountRoutesUntilEnrolled) {
  enlace::test::ServerOptions options;
  options.env = {{"ENLACE_TOTP_REQUIRED", "true"}};
  ServerProcess s(options);
  s.add_user("root", {"system_admin"});
  s.add_user("audit", {"auditor"});
  auto token = s.login("root");
  auto blocked = s.get("/api/v1/me/sessions", token);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(problem_type(blocked), "totp-enrolment-required");
  auto me = s.get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200);
  EXPECT_TRUE(me.json().at("totp_required").as_bool());
  EXPECT_EQ(s.get("/api/v1/me/sessions", s.login("audit")).status, 403);

  auto e = enrol(s, token);
  EXPECT_EQ(s.get("/api/v1/me/sessions", token).status, 200) << "enrolled: the same session goes on";
  auto without = s.post("/api/v1/auth/login", {{"username", "root"}, {"password", ServerProcess::kPassword}});
  EXPECT_EQ(without.status, 401);
  EXPECT_EQ(problem_type(without), "totp-required");
  s.advance_minutes(1);
  EXPECT_EQ(login_with(s, "root", totp_code(e.secret, unix_seconds(s.now()))).status, 200);
}

TEST(TwoFactorTest, WithTheRuleOffAdminsAreNotGated) {
  ServerProcess s;  // the harness turns the rule off, as the demo does
  s.add_user("root", {"system_admin"});
  auto token = s.login("root");
  EXPECT_EQ(s.get("/api/v1/me/sessions", token).status, 200);
  EXPECT_FALSE(s.get("/api/v1/me", token).json().at("totp_required").as_bool());
}

TEST(TwoFactorTest, AdministratorResetTurnsItOffAndTheUserEnrolsAgain) {
  enlace::test::ServerOptions options;
  options.env = {{"ENLACE_TOTP_REQUIRED", "true"}};
  ServerProcess s(options);
  enlace::test::insert_territory(s.db_path(), "t-1", "Legazpi");
  enlace::test::insert_organization(s.db_path(), "org-a", "Desk A", "t-1");
  s.add_user("root", {"system_admin"});
  auto ana_id = s.add_user("ana", {"org_admin"}, "org-a");
  auto root = s.login("root");
  enrol(s, root);
  auto ana = s.login("ana");
  auto lost = enrol(s, ana);  // the phone that will be lost
  ASSERT_EQ(s.get("/api/v1/users", ana).status, 200);

  auto r = s.post("/api/v1/users/" + ana_id + "/reset-two-factor", json::object{}, root);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(s.get("/api/v1/me", ana).status, 401) << "the reset ends the user's sessions";
  EXPECT_EQ(enlace::test::count_audit(s.db_path(), "user.two_factor_reset", ana_id), 1);
  EXPECT_EQ(enlace::test::query_int(s.db_path(), "SELECT count(*) FROM recovery_code WHERE user_id = '" + ana_id + "'"),
            0)
      << "the old recovery codes are gone with the secret";

  // The password alone signs in again, into the enrolment gate: the role still needs two factors.
  s.advance_minutes(1);
  auto again = s.login("ana");
  auto blocked = s.get("/api/v1/users", again);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(problem_type(blocked), "totp-enrolment-required");
  EXPECT_FALSE(s.get("/api/v1/me", again).json().at("totp_enabled").as_bool());
  auto next = enrol(s, again);
  EXPECT_NE(next.secret, lost.secret);
  EXPECT_EQ(s.get("/api/v1/users", again).status, 200);
  s.advance_minutes(1);
  EXPECT_EQ(login_with(s, "ana", totp_code(lost.secret, unix_seconds(s.now()))).status, 401)
      << "the lost device's codes no longer sign in";
  EXPECT_EQ(login_with(s, "ana", totp_code(next.secret, unix_seconds(s.now()))).status, 200);
}

TEST(TwoFactorTest, OrgAdminResetsOnlyTheirOwnOrganisationAndNobodyTheirOwn) {
  ServerProcess s;
  enlace::test::insert_territory(s.db_path(), "t-1", "Legazpi");
  enlace::test::insert_organization(s.db_path(), "org-a", "Desk A", "t-1");
  enlace::test::insert_organization(s.db_path(), "org-b", "Desk B", "t-1");
  auto root_id = s.add_user("root", {"system_admin"});
  auto admin_a_id = s.add_user("admin-a", {"org_admin"}, "org-a");
  auto ana_id = s.add_user("ana", {"caseworker"}, "org-a");
  auto ben_id = s.add_user("ben", {"caseworker"}, "org-b");
  auto admin_a = s.login("admin-a");
  auto reset = [&](const std::string& id, const std::string& token) {
    return s.post("/api/v1/users/" + id + "/reset-two-factor", json::object{}, token).status;
  };
  EXPECT_EQ(reset(ben_id, admin_a), 404) << "another organisation's user is not visible";
  EXPECT_EQ(reset(ana_id, s.login("ben")), 403) << "not an administrator";
  EXPECT_EQ(reset(admin_a_id, admin_a), 403) << "not one's own";
  auto root = s.login("root");
  EXPECT_EQ(reset(root_id, root), 403);
  EXPECT_EQ(reset(ana_id, admin_a), 204);
  EXPECT_EQ(reset(ben_id, root), 204) << "a system_admin resets anyone";
  EXPECT_EQ(reset(admin_a_id, root), 204);
  EXPECT_EQ(s.post("/api/v1/users/" + ana_id + "/reset-two-factor", {{"why", "lost"}}, root).status, 422);
  EXPECT_EQ(enlace::test::count_audit(s.db_path(), "user.two_factor_reset", "", "ok"), 3);
  EXPECT_EQ(enlace::test::count_audit(s.db_path(), "user.write", ben_id, "not_found"), 1);
}
