// Old password hashes are upgraded at sign-in when the deployment's Argon2 cost changes.
#include "support/server_process.hpp"

#include "storage/sql.hpp"

#include <gtest/gtest.h>

using enlace::test::ServerProcess;

namespace {
// Users are added at the harness's cost (1 MiB, one pass); the server then runs at another.
enlace::test::ServerOptions other_cost() {
  enlace::test::ServerOptions options;
  options.env = {{"ENLACE_ARGON2_MEMORY_KIB", "8192"}, {"ENLACE_ARGON2_ITERATIONS", "2"}};
  return options;
}

std::string stored_hash(const std::string& db, const std::string& username) {
  auto c = enlace::storage::Connection::open(db, {.read_only = true});
  auto st = c.prepared("SELECT password_hash FROM app_user WHERE username = ?1");
  st.bind(1, username);
  if (!st.step()) return "";
  return st.text(0);
}
}  // namespace

TEST(PasswordRehashTest, UserAddHashesAtTheDeploymentsCost) {
  enlace::test::ServerOptions options;
  options.env = {{"ENLACE_ARGON2_MEMORY_KIB", "4096"}, {"ENLACE_ARGON2_ITERATIONS", "3"}};
  ServerProcess s(options);
  s.add_user("ana", {"system_admin"});
  auto stored = stored_hash(s.db_path(), "ana");
  EXPECT_NE(stored.find("$argon2id$v=19$m=4096,t=3,p=1$"), std::string::npos) << stored;
  s.login("ana");
  EXPECT_EQ(stored_hash(s.db_path(), "ana"), stored) << "no rehash at the first sign-in";
}

TEST(PasswordRehashTest, SignInRehashesWhenTheCostSettingsChanged) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto before = stored_hash(s.db_path(), "ana");
  ASSERT_NE(before.find("$argon2id$"), std::string::npos);
  ASSERT_NE(before.find("m=1024,t=1,"), std::string::npos) << before;
  s.restart(other_cost());

  s.login("ana");
  auto after = stored_hash(s.db_path(), "ana");
  EXPECT_NE(after.find("m=8192,t=2,p=1"), std::string::npos) << after;
  EXPECT_NO_THROW(s.login("ana")) << "the new hash verifies the same password";
  EXPECT_EQ(stored_hash(s.db_path(), "ana"), after) << "no rehash when the cost already matches";
}

TEST(PasswordRehashTest, AFailedSignInNeverRehashes) {
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  s.restart(other_cost());
  auto before = stored_hash(s.db_path(), "ana");
  auto r = s.post("/api/v1/auth/login", {{"username", "ana"}, {"password", "a wrong password here"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(stored_hash(s.db_path(), "ana"), before);
}

TEST(PasswordRehashTest, RehashingAOneTimePasswordKeepsItOneTime) {
  ServerProcess s;
  s.add_user("root", {"system_admin"});
  auto ana_id = s.add_user("ana", {"system_admin"});
  auto reset = s.post("/api/v1/users/" + ana_id + "/reset-password", boost::json::object{}, s.login("root"));
  ASSERT_EQ(reset.status, 200) << reset.body;
  auto temporary = std::string(reset.json().at("temporary_password").as_string());
  s.restart(other_cost());
  auto ana = s.login("ana", temporary);
  EXPECT_NE(stored_hash(s.db_path(), "ana").find("m=8192,"), std::string::npos) << "rehashed";
  // Before the fix the rehash wrote "nothing to change": the one-time password became a lasting one.
  auto blocked = s.get("/api/v1/me/sessions", ana);
  EXPECT_EQ(blocked.status, 403) << blocked.body;
  EXPECT_NE(blocked.body.find("password-change-required"), std::string::npos) << blocked.body;
  s.advance_minutes(72 * 60);
  EXPECT_EQ(s.post("/api/v1/auth/login", {{"username", "ana"}, {"password", temporary}}).status, 401)
      << "and it still expires";
}
