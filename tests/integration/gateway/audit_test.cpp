// The audit log over HTTP and on the command line: auditor-only access, filters, CSV, chain
// verification that names the first broken event, and refusals that leave events.
#include "support/server_process.hpp"
#include "storage/sql.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace enlace::test {
namespace {

namespace bj = boost::json;

// Organisations come from the directory API; these tests need only their rows.
void seed_organization(const std::string& db, const std::string& id, const std::string& name) {
  auto c = storage::Connection::open(db, {.read_only = false});
  auto t = c.prepared(
      "INSERT INTO territory (id, name, level, created_at, updated_at) "
      "SELECT 't-1', 'Somewhere', 'country', 0, 0 "
      "WHERE NOT EXISTS (SELECT 1 FROM territory WHERE id = 't-1')");
  t.run();
  auto o = c.prepared(
      "INSERT INTO organization (id, name, kind, territory_id, created_at, updated_at) "
      "VALUES (?1, ?2, 'help_desk', 't-1', 0, 0)");
  o.bind(1, id);
  o.bind(2, name);
  o.run();
}

void exec_sql(const std::string& db, const char* sql) {
  auto c = storage::Connection::open(db, {.read_only = false});
  c.exec(sql);
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    seed_organization(server.db_path(), "org-a", "Desk A");
    seed_organization(server.db_path(), "org-b", "Desk B");
    auditor_id = server.add_user("auditor", {"auditor"});
    worker_id = server.add_user("worker", {"caseworker"}, "org-a");
    server.add_user("partner", {"partner"}, "org-b");
    auditor = server.login("auditor");
    worker = server.login("worker");
  }

  HttpResponse get_csv(const std::string& target) {
    return server.send({"GET", target, {{"Accept", "text/csv"}}, ""}, auditor);
  }
  CommandResult verify_cli(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{ServerProcess::binary(), "audit", "verify", "--db", server.db_path()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_command(argv);
  }

  ServerProcess server;
  std::string auditor_id, worker_id, auditor, worker;
};

TEST_F(AuditTest, EveryRoleButAuditorGets403) {
  for (const std::string role : {"system_admin", "org_admin", "caseworker", "partner", "coordinator"}) {
    bool needs_org = role != "system_admin";
    server.add_user("u-" + role, {role}, needs_org ? "org-a" : "");
    auto token = server.login("u-" + role);
    EXPECT_EQ(server.get("/api/v1/audit", token).status, 403) << role;
    EXPECT_EQ(server.get("/api/v1/audit/verify", token).status, 403) << role;
  }
  EXPECT_EQ(server.get("/api/v1/audit").status, 401);
  EXPECT_EQ(server.get("/api/v1/audit", auditor).status, 200);
}

TEST_F(AuditTest, ListIsNewestFirstWithSignInsAndItsOwnRead) {
  auto r = server.get("/api/v1/audit", auditor);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("cache-control"), "no-store");
  auto items = r.json().at("items").as_array();
  ASSERT_GE(items.size(), 5u);  // 3 user adds, 2 sign-ins, this read
  EXPECT_EQ(items[0].at("action").as_string(), "audit.read");  // reading the log is audited
  EXPECT_EQ(items[0].at("actor").as_string(), auditor_id);
  EXPECT_EQ(items[1].at("action").as_string(), "auth.login");
  EXPECT_EQ(items[1].at("actor").as_string(), worker_id);
  EXPECT_EQ(items[1].at("organization").as_string(), "org-a");
  for (std::size_t i = 1; i < items.size(); ++i)
    EXPECT_LT(items[i].at("seq").as_int64(), items[i - 1].at("seq").as_int64());
}

TEST_F(AuditTest, FiltersAndCursorPagination) {
  for (int i = 0; i < 4; ++i) server.login("worker");
  auto r = server.get("/api/v1/audit?actor=" + worker_id + "&action=auth.login&limit=2", auditor);
  ASSERT_EQ(r.status, 200) << r.body;
  auto page1 = r.json().as_object();
  ASSERT_EQ(page1.at("items").as_array().size(), 2u);
  ASSERT_TRUE(page1.at("next_cursor").is_string());
  std::vector<std::int64_t> seqs;
  std::string cursor(page1.at("next_cursor").as_string());
  for (const auto& it : page1.at("items").as_array()) seqs.push_back(it.at("seq").as_int64());
  for (;;) {
    auto next = server.get("/api/v1/audit?actor=" + worker_id + "&action=auth.login&limit=2&cursor=" + cursor, auditor);
    ASSERT_EQ(next.status, 200) << next.body;
    auto body = next.json();
    for (const auto& it : body.at("items").as_array()) {
      EXPECT_EQ(it.at("actor").as_string(), worker_id);
      EXPECT_EQ(it.at("action").as_string(), "auth.login");
      seqs.push_back(it.at("seq").as_int64());
    }
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  EXPECT_EQ(seqs.size(), 5u);  // SetUp's sign-in and four more
  for (std::size_t i = 1; i < seqs.size(); ++i) EXPECT_LT(seqs[i], seqs[i - 1]);

  auto by_org = server.get("/api/v1/audit?organization=org-b", auditor).json().at("items").as_array();
  EXPECT_TRUE(by_org.empty());  // the partner never signed in
  auto by_entity = server.get("/api/v1/audit?entity=user&action=user.create", auditor).json().at("items").as_array();
  EXPECT_EQ(by_entity.size(), 3u);
  auto one = server.get("/api/v1/audit?entity=user&entity_id=" + worker_id, auditor).json().at("items").as_array();
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].at("entity_id").as_string(), worker_id);
}

TEST_F(AuditTest, TimeFiltersTakeDatesAndInstants) {
  server.set_now("2026-11-26T09:30:00Z");
  server.login("worker");
  auditor = server.login("auditor");  // the first session has gone idle
  auto count = [&](const std::string& q) {
    auto r = server.get("/api/v1/audit?action=auth.login&actor=" + worker_id + "&" + q, auditor);
    EXPECT_EQ(r.status, 200) << q << " " << r.body;
    return r.json().at("items").as_array().size();
  };
  EXPECT_EQ(count("from=2026-11-26"), 1u);
  EXPECT_EQ(count("to=2026-11-24"), 1u);  // dates are inclusive whole days
  EXPECT_EQ(count("from=2026-11-24T12:00:00Z&to=2026-11-24T12:00:00Z"), 1u);
  EXPECT_EQ(count("from=2026-11-24T12:00:01Z"), 1u);
  EXPECT_EQ(count("from=2026-11-25&to=2026-11-25"), 0u);
  auto bad = server.get("/api/v1/audit?from=yesterday&color=red", auditor);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("\"from\""), std::string::npos);
  EXPECT_NE(bad.body.find("\"color\""), std::string::npos);
  EXPECT_EQ(server.get("/api/v1/audit?cursor=nonsense", auditor).status, 422);
}

TEST_F(AuditTest, CsvIsOneTidyTableOfTheFilteredEvents) {
  auto r = get_csv("/api/v1/audit?action=auth.login");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type").rfind("text/csv", 0), 0u);
  EXPECT_NE(r.header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(r.header("cache-control"), "no-store");
  std::vector<std::string> lines;
  for (std::size_t at = 0, eol; (eol = r.body.find("\r\n", at)) != std::string::npos; at = eol + 2)
    lines.push_back(r.body.substr(at, eol - at));
  ASSERT_EQ(lines.size(), 3u);  // header + the two sign-ins
  EXPECT_EQ(lines[0],
            "seq,at,actor,organization,role,action,entity_type,entity_id,outcome,address,"
            "request_id,prev_hash,hash");
  for (const auto& l : lines) EXPECT_EQ(std::count(l.begin(), l.end(), ','), 12) << l;
  EXPECT_NE(lines[1].find("," + worker_id + ",org-a,caseworker,auth.login,session,"), std::string::npos)
      << lines[1];
  // Paged like the JSON list: the next cursor comes in a header, for the same query.
  auto first = get_csv("/api/v1/audit?action=auth.login&limit=1");
  auto cursor = first.header("x-next-cursor");
  ASSERT_FALSE(cursor.empty());
  EXPECT_EQ(std::count(first.body.begin(), first.body.end(), '\n'), 2);
  auto second = get_csv("/api/v1/audit?action=auth.login&limit=1&cursor=" + cursor);
  EXPECT_EQ(std::count(second.body.begin(), second.body.end(), '\n'), 2);
  EXPECT_NE(first.body, second.body);
  EXPECT_TRUE(second.header("x-next-cursor").empty());
  // The export itself is recorded.
  auto latest = server.get("/api/v1/audit?limit=1", auditor).json().at("items").as_array();
  EXPECT_EQ(latest[0].at("action").as_string(), "audit.read");
  auto exports = server.get("/api/v1/audit?action=audit.export", auditor).json().at("items").as_array();
  EXPECT_EQ(exports.size(), 3u);
}

TEST_F(AuditTest, CsvNeutralisesCellsASpreadsheetWouldRunAsAFormula) {
  // The id in a URL is the caller's to choose, and a refused read records it as sent: an
  // auditor opening the export must not run it. "=1+2" is as good as a HYPERLINK for the test.
  EXPECT_EQ(server.get("/api/v1/cases/=1+2", worker).status, 404);
  EXPECT_EQ(server.get("/api/v1/cases/-1", worker).status, 404);
  auto json = server.get("/api/v1/audit?entity=case", auditor).json();
  ASSERT_EQ(json.at("items").as_array().size(), 2u);
  EXPECT_EQ(json.at("items").as_array()[1].at("entity_id").as_string(), "=1+2");  // JSON as stored
  auto csv = get_csv("/api/v1/audit?entity=case");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find(",case,\"'=1+2\",not_found,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",case,-1,not_found,"), std::string::npos) << "a plain number keeps its sign";
  EXPECT_EQ(csv.body.find(",=1+2,"), std::string::npos);
}

TEST_F(AuditTest, VerifyIsOkAndRecordsItself) {
  auto r = server.get("/api/v1/audit/verify", auditor);
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = r.json().as_object();
  EXPECT_TRUE(v.at("ok").as_bool());
  EXPECT_EQ(v.at("head").as_string().size(), 64u);
  auto events = v.at("events").as_int64();
  EXPECT_GE(events, 6);  // includes the audit.verify of this request
  auto cli = verify_cli();
  EXPECT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_NE(cli.output.find(std::string(v.at("head").as_string())), std::string::npos);
  auto latest = server.get("/api/v1/audit?limit=1", auditor).json().at("items").as_array();
  EXPECT_EQ(latest[0].at("action").as_string(), "audit.read");
}

TEST_F(AuditTest, EditedRowIsNamedOverHttpAndCli) {
  exec_sql(server.db_path(), "UPDATE audit_event SET outcome = 'failed' WHERE seq = 4");
  auto r = server.get("/api/v1/audit/verify", auditor).json().as_object();
  EXPECT_FALSE(r.at("ok").as_bool());
  EXPECT_EQ(r.at("broken_at").as_int64(), 4);
  EXPECT_EQ(r.at("events").as_int64(), 3);
  EXPECT_FALSE(r.at("problem").as_string().empty());
  auto cli = verify_cli();
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.output.find("BROKEN at event 4"), std::string::npos) << cli.output;
}

TEST_F(AuditTest, DeletedRowIsNamedOverHttpAndCli) {
  exec_sql(server.db_path(), "DELETE FROM audit_event WHERE seq = 3");
  auto r = server.get("/api/v1/audit/verify", auditor).json().as_object();
  EXPECT_FALSE(r.at("ok").as_bool());
  EXPECT_EQ(r.at("broken_at").as_int64(), 3);
  auto cli = verify_cli();
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.output.find("BROKEN at event 3"), std::string::npos) << cli.output;
}

TEST_F(AuditTest, InsertedRowIsNamedOverHttpAndCli) {
  exec_sql(server.db_path(),
           "UPDATE audit_event SET seq = seq + 1000 WHERE seq >= 2;"
           "UPDATE audit_event SET seq = seq - 999 WHERE seq >= 1002;"
           "INSERT INTO audit_event (seq, at, actor_user, organization, role, action, entity_type,"
           " entity_id, outcome, address, request_id, prev_hash, hash)"
           " SELECT 2, at, actor_user, organization, role, action, entity_type, entity_id, outcome,"
           " address, request_id, hash, hash FROM audit_event WHERE seq = 1");
  auto r = server.get("/api/v1/audit/verify", auditor).json().as_object();
  EXPECT_FALSE(r.at("ok").as_bool());
  EXPECT_EQ(r.at("broken_at").as_int64(), 2);
  auto cli = verify_cli();
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.output.find("BROKEN at event 2"), std::string::npos) << cli.output;
}

TEST_F(AuditTest, ReorderedRowsAreNamedOverHttpAndCli) {
  exec_sql(server.db_path(),
           "UPDATE audit_event SET seq = 1000 WHERE seq = 2;"
           "UPDATE audit_event SET seq = 2 WHERE seq = 3;"
           "UPDATE audit_event SET seq = 3 WHERE seq = 1000;");
  auto r = server.get("/api/v1/audit/verify", auditor).json().as_object();
  EXPECT_FALSE(r.at("ok").as_bool());
  EXPECT_EQ(r.at("broken_at").as_int64(), 2);
  auto cli = verify_cli();
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.output.find("BROKEN at event 2"), std::string::npos) << cli.output;
}

TEST_F(AuditTest, ExpectHeadDetectsTruncation) {
  auto first = verify_cli();
  ASSERT_EQ(first.exit_code, 0) << first.output;
  auto at = first.output.find("head ");
  std::string head = first.output.substr(at + 5, 64);
  auto events = server.get("/api/v1/audit/verify?expect_head=" + head, auditor).json().as_object();
  ASSERT_TRUE(events.at("ok").as_bool());
  auto kept = events.at("events").as_int64() - 2;  // drop the last two events
  exec_sql(server.db_path(), "DELETE FROM audit_event WHERE seq > (SELECT MAX(seq) - 2 FROM audit_event)");
  auto plain = verify_cli();
  EXPECT_EQ(plain.exit_code, 0) << plain.output;  // a shorter chain alone looks intact
  auto anchored = verify_cli({"--expect-head", head});
  EXPECT_EQ(anchored.exit_code, 1);
  EXPECT_NE(anchored.output.find("BROKEN at event " + std::to_string(kept + 1)), std::string::npos)
      << anchored.output;
  EXPECT_NE(anchored.output.find("truncated"), std::string::npos) << anchored.output;
  auto bad = verify_cli({"--expect-head", "not-a-hash"});
  EXPECT_EQ(bad.exit_code, 2);
  auto http = server.get("/api/v1/audit/verify?expect_head=" + head, auditor).json().as_object();
  EXPECT_FALSE(http.at("ok").as_bool());
}

TEST_F(AuditTest, RefusedAuditReadLeavesADeniedEvent) {
  EXPECT_EQ(server.get("/api/v1/audit", worker).status, 403);
  auto items = server.get("/api/v1/audit?actor=" + worker_id + "&entity=audit", auditor)
                   .json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("outcome").as_string(), "denied");
  EXPECT_EQ(items[0].at("action").as_string(), "audit.read");
  EXPECT_EQ(items[0].at("organization").as_string(), "org-a");
}

}  // namespace
}  // namespace enlace::test
