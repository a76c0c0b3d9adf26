// Account security over HTTP against the real server (issue 10): password rules and changes,
// session expiry, listing and revoking sessions, administrator reset (and its expiry) and
// "end all".
#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

using enlace::test::ServerProcess;
namespace json = boost::json;

namespace {

constexpr const char* kNewPassword = "a brand new passphrase for winter";

std::string problem_type(const enlace::test::HttpResponse& r) {
  auto t = std::string(r.json().at("type").as_string());
  return t.substr(t.rfind('/') + 1);
}

std::string first_field(const enlace::test::HttpResponse& r) {
  return std::string(r.json().at("errors").as_array().at(0).at("field").as_string());
}

}  // namespace

TEST(AccountSecurityTest, WeakNewPasswordIsRefusedNamingTheField) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");
  const std::vector<std::string> weak_ones = {"short one", "123456789012", "QWERTYUIOPASDFGH",
                                              std::string(129, 'x')};
  for (const auto& weak : weak_ones) {
    auto r = s.post("/api/v1/me/password",
                    {{"current_password", ServerProcess::kPassword}, {"new_password", weak}}, token);
    EXPECT_EQ(r.status, 422) << weak;
    EXPECT_EQ(first_field(r), "new_password") << r.body;
  }
  // Nothing changed: the old password still signs in.
  EXPECT_NO_THROW(s.login("ana"));
}

TEST(AccountSecurityTest, WrongCurrentPasswordIsRefusedNamingTheField) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");
  auto r = s.post("/api/v1/me/password",
                  {{"current_password", "not my password at all"}, {"new_password", kNewPassword}}, token);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(first_field(r), "current_password");
  EXPECT_NO_THROW(s.login("ana"));
}

TEST(AccountSecurityTest, RepeatedWrongCurrentPasswordsAreLimited) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");
  int last = 0;
  for (int i = 0; i < 11; ++i)
    last = s.post("/api/v1/me/password",
                  {{"current_password", "guess number " + std::to_string(i) + "!!"},
                   {"new_password", kNewPassword}}, token).status;
  EXPECT_EQ(last, 429);
}

TEST(AccountSecurityTest, PasswordChangeEndsTheOtherSessionsOnly) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto laptop = s.login("ana");
  auto phone = s.login("ana");
  auto r = s.post("/api/v1/me/password",
                  {{"current_password", ServerProcess::kPassword}, {"new_password", kNewPassword}}, laptop);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(s.get("/api/v1/me", laptop).status, 200);
  EXPECT_EQ(s.get("/api/v1/me", phone).status, 401);
  EXPECT_THROW(s.login("ana"), std::runtime_error);
  EXPECT_NO_THROW(s.login("ana", kNewPassword));
}

TEST(AccountSecurityTest, IdleSessionEndsAfterThirtyMinutesButUseKeepsItAlive) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");
  for (int i = 0; i < 4; ++i) {
    s.advance_minutes(29);
    ASSERT_EQ(s.get("/api/v1/me", token).status, 200) << i;
  }
  s.advance_minutes(30);
  EXPECT_EQ(s.get("/api/v1/me", token).status, 401);
}

TEST(AccountSecurityTest, IdleTimeoutIsConfigurable) {
  enlace::test::ServerOptions options;
  options.env = {{"ENLACE_SESSION_IDLE_MINUTES", "5"}};
  ServerProcess s(options);
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");
  s.advance_minutes(6);
  EXPECT_EQ(s.get("/api/v1/me", token).status, 401);
}

TEST(AccountSecurityTest, SessionEndsAfterTwelveHoursEvenWhenInUse) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");
  for (int minutes = 20; minutes < 12 * 60; minutes += 20) {
    s.advance_minutes(20);
    ASSERT_EQ(s.get("/api/v1/me", token).status, 200) << minutes;
  }
  s.advance_minutes(20);
  EXPECT_EQ(s.get("/api/v1/me", token).status, 401);
}

TEST(AccountSecurityTest, SessionListShowsOwnSessionsAndMarksTheCurrentOne) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  s.add_user("ben", {"system_admin"});
  auto first = s.send({"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}, {"User-Agent", "Firefox test"}},
                       json::serialize(json::object{{"username", "ana"}, {"password", ServerProcess::kPassword}})});
  ASSERT_EQ(first.status, 200);
  auto token = s.login("ana");
  s.login("ben");
  auto r = s.get("/api/v1/me/sessions", token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("cache-control"), "no-store");
  auto body = r.json();
  auto items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  int current = 0;
  bool saw_agent = false;
  for (const auto& i : items) {
    const auto& o = i.as_object();
    for (const char* k : {"id", "created_at", "last_used_at", "address", "user_agent", "current"})
      EXPECT_TRUE(o.contains(k)) << k;
    current += o.at("current").as_bool() ? 1 : 0;
    saw_agent = saw_agent || o.at("user_agent").as_string() == "Firefox test";
    EXPECT_EQ(o.at("address").as_string(), "127.0.0.1");
    EXPECT_FALSE(o.contains("token"));
    EXPECT_FALSE(o.contains("token_hash"));
  }
  EXPECT_EQ(current, 1);
  EXPECT_TRUE(saw_agent);
}

TEST(AccountSecurityTest, EndingASessionStopsItsTokenAtOnce) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto other = s.login("ana");
  auto token = s.login("ana");
  std::string other_id;
  auto listed = s.get("/api/v1/me/sessions", token).json();
  for (const auto& i : listed.at("items").as_array())
    if (!i.at("current").as_bool()) other_id = std::string(i.at("id").as_string());
  ASSERT_FALSE(other_id.empty());
  EXPECT_EQ(s.del("/api/v1/me/sessions/" + other_id, token).status, 204);
  EXPECT_EQ(s.get("/api/v1/me", other).status, 401);
  EXPECT_EQ(s.get("/api/v1/me", token).status, 200);
  EXPECT_EQ(s.get("/api/v1/me/sessions", token).json().at("items").as_array().size(), 1u);
  EXPECT_EQ(s.del("/api/v1/me/sessions/" + other_id, token).status, 404);
}

TEST(AccountSecurityTest, SomeoneElsesSessionIsNotFound) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  s.add_user("ben", {"system_admin"});
  auto ana = s.login("ana");
  auto ben = s.login("ben");
  auto ben_sessions = s.get("/api/v1/me/sessions", ben).json();
  auto ben_session = std::string(ben_sessions.at("items").as_array().at(0).at("id").as_string());
  EXPECT_EQ(s.del("/api/v1/me/sessions/" + ben_session, ana).status, 404);
  EXPECT_EQ(s.get("/api/v1/me", ben).status, 200);
}

TEST(AccountSecurityTest, AdminResetGivesAOneTimePasswordThatMustBeChanged) {
  ServerProcess s;
  s.add_user("root", {"system_admin"});
  auto ana_id = s.add_user("ana", {"system_admin"});
  auto admin = s.login("root");
  auto ana_before = s.login("ana");
  auto r = s.post("/api/v1/users/" + ana_id + "/reset-password", json::object{}, admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("cache-control"), "no-store");
  auto temporary = std::string(r.json().at("temporary_password").as_string());
  EXPECT_GE(temporary.size(), 20u);
  EXPECT_EQ(s.get("/api/v1/me", ana_before).status, 401) << "the reset ends the user's sessions";
  EXPECT_THROW(s.login("ana"), std::runtime_error);

  auto ana = s.login("ana", temporary);
  auto blocked = s.get("/api/v1/me/sessions", ana);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(problem_type(blocked), "password-change-required");
  EXPECT_EQ(s.get("/api/v1/me", ana).status, 200);
  auto changed = s.post("/api/v1/me/password",
                        {{"current_password", temporary}, {"new_password", kNewPassword}}, ana);
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(s.get("/api/v1/me/sessions", ana).status, 200);
  EXPECT_THROW(s.login("ana", temporary), std::runtime_error);
}

TEST(AccountSecurityTest, OneTimePasswordStopsWorkingAfterSeventyTwoHours) {
  ServerProcess s;
  s.add_user("root", {"system_admin"});
  auto ana_id = s.add_user("ana", {"auditor"});
  auto r = s.post("/api/v1/users/" + ana_id + "/reset-password", json::object{}, s.login("root"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto temporary = std::string(r.json().at("temporary_password").as_string());
  EXPECT_EQ(r.json().at("expires_at").as_string(), "2026-11-27T12:00:00Z");

  s.advance_minutes(72 * 60 - 1);
  auto early = s.login("ana", temporary);  // a minute before: still good
  s.advance_minutes(1);
  auto late = s.post("/api/v1/auth/login", {{"username", "ana"}, {"password", temporary}});
  EXPECT_EQ(late.status, 401);
  EXPECT_EQ(problem_type(late), "temporary-password-expired");
  EXPECT_NE(std::string(late.json().at("detail").as_string()).find("administrator"), std::string::npos);
  EXPECT_EQ(enlace::test::count_audit(s.db_path(), "auth.login", "", "expired"), 1);
  // A session opened just before cannot turn the expired password into a lasting one.
  auto change = s.post("/api/v1/me/password",
                       {{"current_password", temporary}, {"new_password", kNewPassword}}, early);
  EXPECT_EQ(change.status, 422) << change.body;
  EXPECT_EQ(first_field(change), "current_password");

  // A new reset gives a new password that works, and the one the user then chooses stays.
  auto again = s.post("/api/v1/users/" + ana_id + "/reset-password", json::object{}, s.login("root"));
  auto fresh = std::string(again.json().at("temporary_password").as_string());
  auto ana = s.login("ana", fresh);
  ASSERT_EQ(s.post("/api/v1/me/password", {{"current_password", fresh}, {"new_password", kNewPassword}}, ana)
                .status,
            204);
  s.advance_minutes(365 * 24 * 60);
  EXPECT_NO_THROW(s.login("ana", kNewPassword));
}

TEST(AccountSecurityTest, OneTimePasswordLifetimeIsConfigurable) {
  enlace::test::ServerOptions options;
  options.env = {{"ENLACE_TEMPORARY_PASSWORD_HOURS", "1"}};
  ServerProcess s(options);
  s.add_user("root", {"system_admin"});
  auto ana_id = s.add_user("ana", {"system_admin"});
  auto r = s.post("/api/v1/users/" + ana_id + "/reset-password", json::object{}, s.login("root"));
  EXPECT_EQ(r.json().at("expires_at").as_string(), "2026-11-24T13:00:00Z");
  s.advance_minutes(60);
  auto late = s.post("/api/v1/auth/login",
                     {{"username", "ana"}, {"password", r.json().at("temporary_password")}});
  EXPECT_EQ(late.status, 401);
  EXPECT_EQ(problem_type(late), "temporary-password-expired");
}

TEST(AccountSecurityTest, AdminEndsEverySessionOfAUser) {
  ServerProcess s;
  s.add_user("root", {"system_admin"});
  auto ana_id = s.add_user("ana", {"system_admin"});
  auto admin = s.login("root");
  auto a1 = s.login("ana");
  auto a2 = s.login("ana");
  EXPECT_EQ(s.post("/api/v1/users/" + ana_id + "/sessions/end-all", json::object{}, admin).status, 204);
  EXPECT_EQ(s.get("/api/v1/me", a1).status, 401);
  EXPECT_EQ(s.get("/api/v1/me", a2).status, 401);
  EXPECT_EQ(s.get("/api/v1/me", admin).status, 200);
  EXPECT_EQ(s.post("/api/v1/users/no-such-user/sessions/end-all", json::object{}, admin).status, 404);
}

TEST(AccountSecurityTest, OnlyAdministratorsResetOrEndOthersSessions) {
  ServerProcess s;
  auto root_id = s.add_user("root", {"system_admin"});
  s.add_user("audit", {"auditor"});
  auto auditor = s.login("audit");
  auto admin = s.login("root");
  EXPECT_EQ(s.post("/api/v1/users/" + root_id + "/reset-password", json::object{}, auditor).status, 403);
  EXPECT_EQ(s.post("/api/v1/users/" + root_id + "/sessions/end-all", json::object{}, auditor).status, 403);
  EXPECT_EQ(s.get("/api/v1/me", admin).status, 200);
  EXPECT_NO_THROW(s.login("root"));
}

TEST(AccountSecurityTest, NewUserWithACommonPasswordIsRefusedNamingTheField) {
  ServerProcess s;
  s.add_user("root", {"system_admin"});
  auto admin = s.login("root");
  for (const char* weak : {"password1234", "too short"}) {
    auto r = s.post("/api/v1/users",
                    {{"username", "new-auditor"}, {"password", weak}, {"display_name", "New"},
                     {"roles", json::array{"auditor"}}},
                    admin);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(first_field(r), "password") << r.body;
  }
  auto ok = s.post("/api/v1/users",
                   {{"username", "new-auditor"}, {"password", "a sentence only I would write"},
                    {"display_name", "New"}, {"roles", json::array{"auditor"}}},
                   admin);
  EXPECT_EQ(ok.status, 201) << ok.body;
}
