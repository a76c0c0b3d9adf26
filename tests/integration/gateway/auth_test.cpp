// Sign-in over HTTP against the real server: tokens, cookies, CSRF, sameness of refusals,
// rate limiting, logout.
#include "support/server_process.hpp"

#include <gtest/gtest.h>

using enlace::test::ServerProcess;
namespace json = boost::json;

namespace {

class AuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ServerProcess();
    server->add_user("root", {"system_admin"});
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static ServerProcess* server;
};
ServerProcess* AuthTest::server = nullptr;

std::string cookie_token(const enlace::test::HttpResponse& r) {
  auto c = r.header("set-cookie");
  auto eq = c.find('=');
  return c.substr(eq + 1, c.find(';') - eq - 1);
}

}  // namespace

TEST_F(AuthTest, LoginReturnsTokenAndSetsStrictHttpOnlyCookie) {
  auto r = server->post("/api/v1/auth/login", {{"username", "root"}, {"password", ServerProcess::kPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json().as_object();
  EXPECT_EQ(body.at("token").as_string().size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(body.at("user").at("username").as_string(), "root");
  EXPECT_FALSE(body.at("user").as_object().contains("password"));
  auto cookie = r.header("set-cookie");
  EXPECT_NE(cookie.find("enlace_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie_token(r), std::string(body.at("token").as_string()));
  EXPECT_EQ(r.header("cache-control"), "no-store");
}

TEST_F(AuthTest, UnknownUserAndWrongPasswordGetTheSameAnswer) {
  auto wrong = server->post("/api/v1/auth/login", {{"username", "root"}, {"password", "not the password at all"}});
  auto unknown = server->post("/api/v1/auth/login", {{"username", "nobody-here"}, {"password", "not the password at all"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.header("content-type"), "application/problem+json");
  auto a = wrong.json().as_object();
  auto b = unknown.json().as_object();
  EXPECT_EQ(a.at("type"), b.at("type"));
  EXPECT_EQ(a.at("detail"), b.at("detail"));
}

TEST_F(AuthTest, MeNeedsASession) {
  EXPECT_EQ(server->get("/api/v1/me").status, 401);
  EXPECT_EQ(server->get("/api/v1/me", "not-a-token").status, 401);
  auto token = server->login("root");
  auto me = server->get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("username").as_string(), "root");
  EXPECT_EQ(me.json().at("roles").as_array().at(0).as_string(), "system_admin");
}

TEST_F(AuthTest, LogoutEndsTheTokenAtOnce) {
  auto token = server->login("root");
  ASSERT_EQ(server->get("/api/v1/me", token).status, 200);
  EXPECT_EQ(server->post("/api/v1/auth/logout", json::object{}, token).status, 204);
  EXPECT_EQ(server->get("/api/v1/me", token).status, 401);
}

TEST_F(AuthTest, CookieSessionNeedsCsrfHeaderToChangeAnything) {
  auto r = server->post("/api/v1/auth/login", {{"username", "root"}, {"password", ServerProcess::kPassword}});
  auto cookie = "enlace_session=" + cookie_token(r);
  auto me = server->send({"GET", "/api/v1/me", {{"Cookie", cookie}}, ""});
  EXPECT_EQ(me.status, 200);
  auto no_header = server->send({"POST", "/api/v1/auth/logout", {{"Cookie", cookie}, {"Content-Type", "application/json"}}, "{}"});
  EXPECT_EQ(no_header.status, 403);
  EXPECT_EQ(no_header.json().at("type").as_string(), "/problems/csrf");
  auto with_header = server->send({"POST", "/api/v1/auth/logout",
                                   {{"Cookie", cookie}, {"X-Requested-With", "enlace"}, {"Content-Type", "application/json"}}, "{}"});
  EXPECT_EQ(with_header.status, 204);
}

TEST_F(AuthTest, IdleSessionExpiresAfterThirtyMinutes) {
  auto token = server->login("root");
  server->advance_minutes(29);
  EXPECT_EQ(server->get("/api/v1/me", token).status, 200);  // also counts as use
  server->advance_minutes(29);
  EXPECT_EQ(server->get("/api/v1/me", token).status, 200);
  server->advance_minutes(31);
  EXPECT_EQ(server->get("/api/v1/me", token).status, 401);
}

TEST_F(AuthTest, RepeatedFailuresAreLimitedWithRetryAfter) {
  ServerProcess s;  // its own limiter state
  s.add_user("victim", {"system_admin"});
  int last = 0;
  for (int i = 0; i < 12; ++i)
    last = s.post("/api/v1/auth/login", {{"username", "victim"}, {"password", "wrong password number"}}).status;
  EXPECT_EQ(last, 429);
  auto r = s.post("/api/v1/auth/login", {{"username", "victim"}, {"password", ServerProcess::kPassword}});
  EXPECT_EQ(r.status, 429) << "the right password must not bypass the limit";
  EXPECT_FALSE(r.header("retry-after").empty());
  s.advance_minutes(16);
  EXPECT_EQ(s.post("/api/v1/auth/login", {{"username", "victim"}, {"password", ServerProcess::kPassword}}).status, 200);
}

TEST_F(AuthTest, LoginBodyErrorsNameTheField) {
  auto r = server->post("/api/v1/auth/login", {{"username", "root"}, {"pasword", "x"}});
  ASSERT_EQ(r.status, 422);
  auto errors = r.json().at("errors").as_array();
  std::set<std::string> fields;
  for (auto& e : errors) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.count("pasword"));
  EXPECT_TRUE(fields.count("password"));
}
