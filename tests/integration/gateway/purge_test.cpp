// `enlace purge`: personal data of cases closed past the retention period leaves the database
// file (not just the rows; on PostgreSQL, its old row versions and the trigram index), open and
// recently closed cases stay, the audit chain verifies. On both engines.
#include "case_network.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using enlace::test::CaseNetwork;
using enlace::test::ServerProcess;
using enlace::test::count_audit;
using enlace::test::query_int;
using enlace::test::run_command;
namespace json = boost::json;

namespace {

// The raw bytes of the database and its WAL, as an attacker with the disk would read them. On
// PostgreSQL the server's files are not the test's to read: every row as pg_dump writes it
// stands in (and the purge's VACUUM and index rebuild are checked below).
std::string file_bytes(const std::string& db) {
  if (enlace::test::testing_postgres()) return enlace::test::dump_database(db);
  std::string all;
  for (const std::string& path : {db, db + "-wal"}) {
    if (!std::filesystem::exists(path)) continue;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    all += s.str();
  }
  return all;
}

}  // namespace

TEST(PurgeTest, PurgeErasesPersonalDataOfOldClosedCasesAndKeepsTheChain) {
  CaseNetwork net;
  auto& server = net.server;
  json::object person = CaseNetwork::person("Zacarias", "Villanueva");
  person["phone"] = "+63 917 424 2424";
  auto made = server.post("/api/v1/cases",
                          {{"person", person},
                           {"territory_id", "t-legazpi"},
                           {"needs", {{{"category", "shelter"}, {"urgency", "high"},
                                       {"note", "Quokkaberry lane"}}}},
                           {"notes", "Xylophonist since childhood"}},
                          net.cw);
  ASSERT_EQ(made.status, 201) << made.body;
  std::string old_id(made.json().at("id").as_string());
  ASSERT_EQ(server.post("/api/v1/cases/" + old_id + "/consents",
                        {{"method", "verbal"}, {"categories", {"shelter"}},
                         {"organizations", {"o-ngo"}}},
                        net.cw).status,
            201);
  ASSERT_EQ(server.post("/api/v1/cases/" + old_id + "/close", {{"reason", "Moved to Wombatville"}},
                        net.cw).status,
            200);
  std::string open_id = net.create("Esperanza", "Open");
  std::string recent_id = net.create("Reciente", "Closed");

  server.set_now("2027-01-10T12:00:00Z");
  net.cw = server.login("cw");
  ASSERT_EQ(server.post("/api/v1/cases/" + recent_id + "/close", {{"reason", "done"}}, net.cw).status,
            200);
  ASSERT_EQ(server.stop(), 0);

  const std::string db = server.db_path();
  ASSERT_NE(file_bytes(db).find("Villanueva"), std::string::npos) << "the check can see text";
  const bool pg = enlace::test::testing_postgres();
  const auto trigram_index = pg ? query_int(db, "SELECT pg_relation_filenode('case_name_trgm')") : 0;

  std::map<std::string, std::string> env{{"ENLACE_TEST_CLOCK_FILE", server.dir() + "/now"}};
  auto bad = run_command({ServerProcess::binary(), "purge", "--db", db, "--older-than", "zero"}, "", env);
  EXPECT_EQ(bad.exit_code, 2);
  auto r = run_command({ServerProcess::binary(), "purge", "--db", db, "--older-than", "30"}, "", env);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("purged 1 case"), std::string::npos) << r.output;

  std::string bytes = file_bytes(db);
  for (const char* secret : {"Zacarias", "zacarias", "Villanueva", "villanueva", "424 2424",
                             "Xylophonist", "Quokkaberry", "Wombatville"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " is still in the file";
  }
  EXPECT_NE(bytes.find("Esperanza"), std::string::npos) << "open cases are kept";
  EXPECT_NE(bytes.find("Reciente"), std::string::npos) << "recently closed cases are kept";
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM case_file WHERE purged_at IS NOT NULL"), 1);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM consent"), 1) << "consents hold no personal data";
  EXPECT_EQ(count_audit(db, "case.purge", old_id, "ok"), 1);
  if (pg) {
    // The old row versions, which still hold the erased values, are vacuumed away, and the
    // trigram index, whose keys VACUUM leaves, is rebuilt from what the rows hold now.
    for (const char* table : {"case_file", "case_need", "referral", "referral_message"})
      EXPECT_EQ(query_int(db, std::string("SELECT count(*) FROM pg_stat_user_tables WHERE relname = '") +
                                  table + "' AND last_vacuum IS NOT NULL"),
                1)
          << table;
    EXPECT_NE(query_int(db, "SELECT pg_relation_filenode('case_name_trgm')"), trigram_index);
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"), 0)
        << "no index left half-built";
  }

  auto verify = run_command({ServerProcess::binary(), "audit", "verify", "--db", db});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;

  auto again = run_command({ServerProcess::binary(), "purge", "--db", db, "--older-than", "30"}, "", env);
  EXPECT_NE(again.output.find("purged 0 case"), std::string::npos) << "purging is idempotent";
}
