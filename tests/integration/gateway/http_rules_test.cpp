// HTTP rules every response follows (API.md, Conventions): headers, problem+json, framing,
// body limits, content types, duplicate keys, 405.
#include "support/server_process.hpp"

#include <gtest/gtest.h>

using enlace::test::HttpClient;
using enlace::test::ServerProcess;

namespace {
class HttpRulesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server = new ServerProcess(); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static ServerProcess* server;
};
ServerProcess* HttpRulesTest::server = nullptr;
}  // namespace

TEST_F(HttpRulesTest, EveryResponseCarriesSecurityHeadersAndRequestId) {
  for (const char* path : {"/healthz", "/api/v1/me", "/no/such/thing"}) {
    auto r = server->get(path);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(r.header("referrer-policy"), "no-referrer") << path;
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(r.header("content-security-policy").find("unsafe-inline"), std::string::npos);
    EXPECT_FALSE(r.header("x-request-id").empty()) << path;
    EXPECT_EQ(r.header("server"), "enlace");
    EXPECT_TRUE(r.header("access-control-allow-origin").empty());
  }
}

TEST_F(HttpRulesTest, RequestIdIsTakenFromTheRequest) {
  auto r = server->send({"GET", "/healthz", {{"X-Request-Id", "abc-123"}}, ""});
  EXPECT_EQ(r.header("x-request-id"), "abc-123");
}

TEST_F(HttpRulesTest, ContentLengthWithTransferEncodingIsRefused) {
  HttpClient c(server->port());
  auto raw = c.raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                   "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(raw.substr(0, 12), "HTTP/1.1 400");
}

TEST_F(HttpRulesTest, TransferCodingOtherThanChunkedIsRefused) {
  HttpClient c(server->port());
  auto raw = c.raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n"
                   "Content-Type: application/json\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(raw.substr(0, 12), "HTTP/1.1 400");
}

TEST_F(HttpRulesTest, TooLargeBodyIs413) {
  std::string big(1024 * 1024 + 10, 'x');
  auto r = server->send({"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}}, big});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

TEST_F(HttpRulesTest, WrongContentTypeIs415) {
  auto r = server->send({"POST", "/api/v1/auth/login", {{"Content-Type", "text/plain"}}, "{}"});
  EXPECT_EQ(r.status, 415);
}

TEST_F(HttpRulesTest, MalformedJsonIs400) {
  auto r = server->send({"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}}, "{\"username\":"});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json().at("status").as_int64(), 400);
}

TEST_F(HttpRulesTest, DuplicateKeysAre400) {
  auto r = server->send({"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}},
                         R"({"username":"a","password":"b","username":"c"})"});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json().at("type").as_string(), "/problems/duplicate-key");
}

TEST_F(HttpRulesTest, DeeplyNestedJsonIs400) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  auto r = server->send({"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}},
                         "{\"username\":" + deep + "}"});
  EXPECT_EQ(r.status, 400);
}

TEST_F(HttpRulesTest, WrongTypeIs422NamingTheField) {
  auto r = server->post("/api/v1/auth/login", {{"username", 5}, {"password", "x"}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "username");
}

TEST_F(HttpRulesTest, UnsupportedMethodOnKnownPathIs405) {
  auto r = server->send({"DELETE", "/api/v1/me", {}, ""});
  EXPECT_EQ(r.status, 405);
  EXPECT_NE(r.header("allow").find("GET"), std::string::npos);
}

TEST_F(HttpRulesTest, HealthReadinessAndMetricsAnswerWithoutSignIn) {
  auto health = server->get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.header("content-type"), "application/json");
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  EXPECT_EQ(server->get("/readyz").status, 200);
  auto m = server->get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("enlace_http_requests_total"), std::string::npos);
  EXPECT_NE(m.body.find("enlace_write_batch_size_bucket"), std::string::npos);
}

// The database's series keep the names docs/OPERATIONS.md documents, the engine's own among
// them (storage names enlace_wal_checkpoints_total; the gateway renders it as given).
TEST_F(HttpRulesTest, MetricsKeepTheDocumentedDatabaseSeries) {
  auto m = server->get("/metrics");
  ASSERT_EQ(m.status, 200);
  for (const char* line : {"# TYPE enlace_write_queue_depth gauge\n",
                           "# TYPE enlace_write_rejected_total counter\n",
                           "# TYPE enlace_db_commits_total counter\n",
                           "\nenlace_db_commit_failures_total ",
                           "# HELP enlace_wal_checkpoints_total WAL checkpoints run beside the writer.\n"
                           "# TYPE enlace_wal_checkpoints_total counter\n"
                           "enlace_wal_checkpoints_total ",
                           "# TYPE enlace_write_batch_size histogram\n"})
    EXPECT_NE(m.body.find(line), std::string::npos) << line;
  EXPECT_LT(m.body.find("enlace_db_commit_failures_total"), m.body.find("enlace_wal_checkpoints_total"));
  EXPECT_LT(m.body.find("enlace_wal_checkpoints_total"), m.body.find("enlace_write_batch_size"));
}

TEST_F(HttpRulesTest, OpenApiDescribesEveryRoute) {
  auto r = server->get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = r.json().as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  auto& paths = doc.at("paths").as_object();
  EXPECT_TRUE(paths.contains("/api/v1/auth/login"));
  for (auto& p : paths)
    for (auto& op : p.value().as_object())
      EXPECT_FALSE(op.value().at("summary").as_string().empty()) << p.key() << " " << op.key();
}

TEST_F(HttpRulesTest, SigtermStopsCleanly) {
  ServerProcess s;
  EXPECT_EQ(s.get("/healthz").status, 200);
  EXPECT_EQ(s.stop(), 0);
}
