// `enlace user add` (API.md, Command line): the account is created by the same use case as
// POST /users, its event recorded as the command line's; the command's output and exit codes
// are its contract.
#include "support/server_process.hpp"
#include "storage/sql.hpp"

#include <gtest/gtest.h>

namespace enlace::test {
namespace {

std::int64_t count(const std::string& db, const std::string& sql, const std::string& arg = "") {
  auto c = storage::Connection::open(db, {.read_only = true});
  auto st = c.prepared(sql);
  if (!arg.empty()) st.bind(1, arg);
  st.step();
  return st.int64(0);
}

CommandResult user_add(const ServerProcess& s, std::vector<std::string> extra,
                       const std::string& password = std::string(ServerProcess::kPassword)) {
  std::vector<std::string> argv{ServerProcess::binary(), "user", "add", "--db", s.db_path(),
                                "--password-stdin"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run_command(argv, password + "\n");
}

TEST(UserAddCommand, PrintsTheIdAndRecordsTheEventAsTheCommandLine) {
  ServerProcess s;
  auto id = s.add_user("root", {"system_admin"});
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(id.find('\n'), std::string::npos);
  EXPECT_EQ(count(s.db_path(),
                  "SELECT count(*) FROM audit_event WHERE action = 'user.create' AND "
                  "entity_type = 'user' AND entity_id = ?1 AND actor_user = 'cli' AND "
                  "role = 'operator' AND address = 'local' AND outcome = 'ok'",
                  id),
            1);
  auto token = s.login("root");
  auto me = s.get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(std::string(me.json().at("id").as_string()), id);
  EXPECT_EQ(std::string(me.json().at("display_name").as_string()), "root");
}

TEST(UserAddCommand, RefusalsAreOneLineExitTwoAndAddNothing) {
  ServerProcess s;
  s.add_user("root", {"system_admin"});
  const auto users = count(s.db_path(), "SELECT count(*) FROM app_user");
  const auto events = count(s.db_path(), "SELECT count(*) FROM audit_event");

  auto role = user_add(s, {"--username", "x1", "--role", "wizard"});
  EXPECT_EQ(role.exit_code, 2) << role.output;
  EXPECT_EQ(role.output, "enlace: unknown role 'wizard'\n");

  auto org = user_add(s, {"--username", "x2", "--role", "caseworker"});
  EXPECT_EQ(org.exit_code, 2) << org.output;
  EXPECT_EQ(org.output,
            "enlace: --organization is required for role(s) other than system_admin and auditor\n");

  auto weak = user_add(s, {"--username", "x3", "--role", "auditor"}, "short");
  EXPECT_EQ(weak.exit_code, 2) << weak.output;
  EXPECT_EQ(line_count(weak.output), 1) << weak.output;
  EXPECT_EQ(weak.output.rfind("enlace: password ", 0), 0u) << weak.output;

  // Refused by the write itself: the name is taken, the organisation does not exist.
  auto taken = user_add(s, {"--username", "root", "--role", "auditor"});
  EXPECT_EQ(taken.exit_code, 2) << taken.output;
  EXPECT_EQ(line_count(taken.output), 1) << taken.output;
  EXPECT_EQ(taken.output.rfind("enlace: ", 0), 0u) << taken.output;

  auto unknown = user_add(s, {"--username", "x4", "--role", "caseworker", "--organization", "nowhere"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_EQ(line_count(unknown.output), 1) << unknown.output;
  EXPECT_EQ(unknown.output.rfind("enlace: ", 0), 0u) << unknown.output;

  EXPECT_EQ(count(s.db_path(), "SELECT count(*) FROM app_user"), users);
  EXPECT_EQ(count(s.db_path(), "SELECT count(*) FROM audit_event"), events);
}

}  // namespace
}  // namespace enlace::test
