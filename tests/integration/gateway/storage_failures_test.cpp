// Storage failures as a client and an operator meet them: a write that finds the database
// locked by another process is answered 503 with Retry-After and changes nothing, and the
// server's log names its cause beside the request id the client was given.
#include "referral_network.hpp"
#include "storage/sql.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

using enlace::test::ReferralNetwork;
namespace json = boost::json;

namespace {

TEST(StorageFailuresTest, AWriteThatFindsTheDatabaseLockedIs503WithRetryAfterAndChangesNothing) {
  if (enlace::test::testing_postgres())
    GTEST_SKIP() << "SQLite's database-wide write lock; PostgreSQL has no such lock to hold";
  ReferralNetwork net;
  const auto db = net.server.db_path();
  const auto cases = enlace::test::query_int(db, "SELECT count(*) FROM case_file");
  // Another process (a maintenance script, a backup tool) holds the write lock past the
  // server's wait for it.
  auto other = enlace::storage::Connection::open(db, {.read_only = false});
  other.exec("BEGIN IMMEDIATE");
  auto before = net.server.output().size();
  auto r = net.server.post("/api/v1/cases", ReferralNetwork::case_body("Locked", "Out"), net.cw);
  other.exec("ROLLBACK");

  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.header("retry-after"), "1");
  auto body = r.json().as_object();
  EXPECT_EQ(body.at("type").as_string().subview().ends_with("/busy"), true) << r.body;
  std::string request_id(body.at("request_id").as_string());
  EXPECT_EQ(r.body.find("sqlite"), std::string::npos) << "the cause is for the log only";
  EXPECT_EQ(enlace::test::query_int(db, "SELECT count(*) FROM case_file"), cases);

  auto log = net.server.output().substr(before);
  auto line = log.find("\"request_id\":\"" + request_id + "\"");
  ASSERT_NE(line, std::string::npos) << log;
  auto end = log.find('\n', line);
  auto start = log.rfind('\n', line);
  auto entry = log.substr(start == std::string::npos ? 0 : start + 1, end - start);
  EXPECT_NE(entry.find("\"event\":\"request_failed\""), std::string::npos) << entry;
  EXPECT_NE(entry.find("database is locked"), std::string::npos) << entry;

  // The lock gone, the same request goes through.
  auto again = net.server.post("/api/v1/cases", ReferralNetwork::case_body("Locked", "Out"), net.cw);
  EXPECT_EQ(again.status, 201) << again.body;
}

}  // namespace

// A report that fails in storage is a 500 whose body says nothing of the SQL or the schema: the
// cause goes to the log beside the request id. (The gap report put SQLite's message, which
// names the index it could not use, in the reply's detail.)
TEST(StorageFailuresTest, AReportThatFailsInStorageKeepsItsCauseOutOfTheReply) {
  if (enlace::test::testing_postgres())
    GTEST_SKIP() << "breaks the report by dropping an index that only SQLite's SQL names";
  ReferralNetwork net;
  ASSERT_EQ(net.server.get("/api/v1/stats/gaps?category=shelter", net.coordinator).status, 200);
  enlace::test::exec_sql(net.server.db_path(), "DROP INDEX case_gap");
  auto r = net.server.get("/api/v1/stats/gaps?category=shelter", net.coordinator);
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_EQ(r.body.find("case_gap"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("index"), std::string::npos) << r.body;
}
