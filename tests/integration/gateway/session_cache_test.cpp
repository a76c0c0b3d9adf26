// The session cache over HTTP against the real server: repeated requests are answered from
// it, and every change to a session or its user reaches the very next request of a token
// the cache already holds.
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <string>

using enlace::test::ServerProcess;
namespace json = boost::json;

namespace {

std::uint64_t counter(ServerProcess& s, const std::string& name) {
  auto body = s.get("/metrics").body;
  auto at = body.find("\n" + name + " ");
  if (at == std::string::npos) throw std::runtime_error("no metric " + name);
  return std::stoull(body.substr(at + name.size() + 2));
}

// Uses the token twice, so that the second request is answered from the cache: the change
// that follows must then reach a cached entry, not a lookup.
void warm(ServerProcess& s, const std::string& token) {
  ASSERT_EQ(s.get("/api/v1/me", token).status, 200);
  auto hits = counter(s, "enlace_session_cache_hits_total");
  ASSERT_EQ(s.get("/api/v1/me", token).status, 200);
  ASSERT_GT(counter(s, "enlace_session_cache_hits_total"), hits) << "the cache was not used";
}

std::string problem_type(const enlace::test::HttpResponse& r) {
  auto t = std::string(r.json().at("type").as_string());
  return t.substr(t.rfind('/') + 1);
}

class SessionCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (enlace::test::testing_postgres())
      GTEST_SKIP() << "no session cache on PostgreSQL: another process may end a session, so "
                      "every request reads it (SharedDatabaseTest)";
    s.add_user("root", {"system_admin"});
    ana_id = s.add_user("ana", {"system_admin"});
    admin = s.login("root");
  }
  ServerProcess s;
  std::string ana_id, admin;
};

}  // namespace

TEST_F(SessionCacheTest, RepeatedRequestsOfATokenAreAnsweredWithoutALookup) {
  auto ana = s.login("ana");
  ASSERT_EQ(s.get("/api/v1/me", ana).status, 200);
  auto hits = counter(s, "enlace_session_cache_hits_total");
  auto misses = counter(s, "enlace_session_cache_misses_total");
  for (int i = 0; i < 5; ++i) ASSERT_EQ(s.get("/api/v1/me", ana).status, 200);
  EXPECT_EQ(counter(s, "enlace_session_cache_hits_total"), hits + 5);
  EXPECT_EQ(counter(s, "enlace_session_cache_misses_total"), misses);
}

TEST_F(SessionCacheTest, SignOutReachesACachedToken) {
  auto ana = s.login("ana");
  warm(s, ana);
  ASSERT_EQ(s.post("/api/v1/auth/logout", json::object{}, ana).status, 204);
  EXPECT_EQ(s.get("/api/v1/me", ana).status, 401);
}

TEST_F(SessionCacheTest, EndingEverySessionReachesACachedToken) {
  auto ana = s.login("ana");
  warm(s, ana);
  ASSERT_EQ(s.post("/api/v1/users/" + ana_id + "/sessions/end-all", json::object{}, admin).status, 204);
  EXPECT_EQ(s.get("/api/v1/me", ana).status, 401);
}

TEST_F(SessionCacheTest, DeactivationReachesACachedToken) {
  auto ana = s.login("ana");
  warm(s, ana);
  ASSERT_EQ(s.patch("/api/v1/users/" + ana_id, {{"active", false}}, admin, "1").status, 200);
  EXPECT_EQ(s.get("/api/v1/me", ana).status, 401);
}

TEST_F(SessionCacheTest, ARoleTakenAwayIsRefusedAtTheNextRequest) {
  auto ana = s.login("ana");
  warm(s, ana);
  ASSERT_EQ(s.get("/api/v1/users", ana).status, 200);
  auto r = s.patch("/api/v1/users/" + ana_id, {{"roles", {"auditor"}}}, admin, "1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(s.get("/api/v1/users", ana).status, 403);
  EXPECT_EQ(s.get("/api/v1/me", ana).json().at("roles"), json::value({"auditor"}));
}

TEST_F(SessionCacheTest, AnAdministratorsResetReachesACachedToken) {
  auto ana = s.login("ana");
  warm(s, ana);
  auto r = s.post("/api/v1/users/" + ana_id + "/reset-password", json::object{}, admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(s.get("/api/v1/me", ana).status, 401);
  auto fresh = s.login("ana", std::string(r.json().at("temporary_password").as_string()));
  warm(s, fresh);
  auto blocked = s.get("/api/v1/me/sessions", fresh);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(problem_type(blocked), "password-change-required");
}

TEST_F(SessionCacheTest, APasswordChangeEndsTheOtherCachedSessions) {
  auto ana = s.login("ana");
  auto other = s.login("ana");
  warm(s, ana);
  warm(s, other);
  auto r = s.post("/api/v1/me/password",
                  {{"current_password", ServerProcess::kPassword},
                   {"new_password", "a brand new passphrase for winter"}},
                  ana);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(s.get("/api/v1/me", other).status, 401);
  EXPECT_EQ(s.get("/api/v1/me", ana).status, 200);
}
