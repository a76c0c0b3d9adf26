// The OpenAPI document (API.md, "Interoperability"): JSON Schema for every request body and
// success reply, generated from the tables the handlers read and write with; problem+json for
// errors; a readable reference page at /api/docs; and the harness that validates every reply
// the suites receive against the document really fails a reply that does not conform.
#include "support/openapi_check.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

using enlace::test::HttpRequest;
using enlace::test::HttpResponse;
using enlace::test::ServerProcess;
namespace bj = boost::json;

namespace {
class OpenApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    enlace::test::ServerOptions options;
    options.demo = true;
    server = new ServerProcess(options);
    auto r = server->get("/api/v1/openapi.json");
    document = new std::string(r.body);
  }
  static void TearDownTestSuite() {
    delete server;
    delete document;
    server = nullptr;
    document = nullptr;
  }
  static bj::object doc() { return bj::parse(*document).as_object(); }
  static ServerProcess* server;
  static std::string* document;
};
ServerProcess* OpenApiTest::server = nullptr;
std::string* OpenApiTest::document = nullptr;

const bj::object& component(const bj::object& doc, const std::string& name) {
  return doc.at("components").at("schemas").at(name).as_object();
}
}  // namespace

TEST_F(OpenApiTest, EveryOperationDescribesItsSuccessReplyAndProblemErrors) {
  auto d = doc();
  int operations = 0;
  for (const auto& [path, item] : d.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      const std::string where = std::string(method) + " " + std::string(path);
      ++operations;
      const auto& responses = op.at("responses").as_object();
      bool success = false;
      for (const auto& [status, reply] : responses) {
        if (status.size() != 3 || status[0] != '2') continue;
        success = true;
        // 204 has no body; every other success reply names its media type and schema.
        if (status == "204") continue;
        ASSERT_TRUE(reply.as_object().contains("content")) << where;
        for (const auto& [media, body] : reply.at("content").as_object())
          EXPECT_TRUE(body.as_object().contains("schema")) << where << " " << media;
      }
      EXPECT_TRUE(success) << where << " declares no success reply";
      // FHIR answers errors as an OperationOutcome, the rest as problem+json.
      EXPECT_EQ(responses.at("4XX").at("$ref"), std::string(path).starts_with("/fhir/")
                                                    ? "#/components/responses/FhirError"
                                                    : "#/components/responses/Problem")
          << where;
      EXPECT_FALSE(op.at("operationId").as_string().empty()) << where;
    }
  }
  EXPECT_GE(operations, 55);
  const auto& problem = component(d, "Problem");
  EXPECT_TRUE(problem.at("properties").as_object().contains("errors"));
}

TEST_F(OpenApiTest, RequestBodiesComeFromTheTablesTheHandlersCheck) {
  auto d = doc();
  const auto& draft = component(d, "CaseDraft");
  EXPECT_EQ(draft.at("additionalProperties"), false);  // only() refuses other keys
  EXPECT_EQ(draft.at("required"), (bj::array{"person", "territory_id"}));
  const auto& props = draft.at("properties").as_object();
  std::set<std::string> keys;
  for (const auto& kv : props) keys.insert(std::string(kv.key()));
  EXPECT_EQ(keys, (std::set<std::string>{"person", "territory_id", "specific_needs", "needs",
                                         "notes"}));
  EXPECT_EQ(props.at("needs").at("maxItems"), 50);
  EXPECT_EQ(props.at("person").at("properties").at("languages").at("maxItems"), 20);

  // The handler accepts exactly the keys the document lists: each listed key is known to it,
  // an unlisted one is refused by name.
  auto token = server->login("legazpi.caseworker", "demo-password-2026");
  bj::object body;
  for (const auto& kv : props) body[kv.key()] = nullptr;
  body["nickname"] = "x";
  auto r = server->post("/api/v1/cases", body, token);
  ASSERT_EQ(r.status, 422) << r.body;
  std::set<std::string> unknown;
  const auto refused = r.json();  // named: a range-for over a temporary's member dangles
  for (const auto& e : refused.at("errors").as_array())
    if (e.at("message") == "is not a known field") unknown.insert(std::string(e.at("field").as_string()));
  EXPECT_EQ(unknown, (std::set<std::string>{"nickname"}));
}

TEST_F(OpenApiTest, OperationsWithoutABodyDeclareNone) {
  auto d = doc();
  const auto& paths = d.at("paths").as_object();
  EXPECT_FALSE(paths.at("/api/v1/cases/{id}").at("get").as_object().contains("requestBody"));
  EXPECT_FALSE(paths.at("/api/v1/auth/logout").at("post").as_object().contains("requestBody"));
  const auto& login = paths.at("/api/v1/auth/login").at("post");
  EXPECT_EQ(login.at("requestBody").at("content").at("application/json").at("schema").at("$ref"),
            "#/components/schemas/SignIn");
  // Lists declare their paging and filters.
  std::set<std::string> params;
  for (const auto& p : paths.at("/api/v1/cases").at("get").at("parameters").as_array())
    params.insert(std::string(p.at("name").as_string()));
  EXPECT_EQ(params, (std::set<std::string>{"limit", "cursor", "status", "q"}));
}

// EXPECT_NONFATAL_FAILURE runs its statement apart: it sees statics only.
TEST_F(OpenApiTest, TheReplyCheckFailsARendererThatDriftsFromItsSchema) {
  static const HttpRequest req{"GET", "/api/v1/categories", {}, ""};
  static HttpResponse reply;
  reply.status = 200;
  reply.headers["content-type"] = "application/json";
  reply.body = R"({"items":[{"code":"food","name":"Food","colour":"red"}],"next_cursor":null})";
  EXPECT_NONFATAL_FAILURE(enlace::test::check_reply_against_openapi(*document, req, reply),
                          "colour");
  reply.body = R"({"items":[{"code":"food","name":7}],"next_cursor":null})";
  EXPECT_NONFATAL_FAILURE(enlace::test::check_reply_against_openapi(*document, req, reply),
                          "does not conform");
  reply.status = 404;
  reply.body = R"({"error":"gone"})";
  EXPECT_NONFATAL_FAILURE(enlace::test::check_reply_against_openapi(*document, req, reply),
                          "does not conform");
  reply.status = 200;
  reply.body = R"({"items":[{"code":"food","name":"Food"}],"next_cursor":null})";
  enlace::test::check_reply_against_openapi(*document, req, reply);  // no failure
}

TEST_F(OpenApiTest, TheReferencePageIsServedWithTheRendererBuiltIn) {
  auto page = server->get("/api/docs");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("/api-docs/redoc.standalone.js"), std::string::npos);
  // Scripts only from the server itself (no CDN, nothing inline); only this page allows the
  // renderer's run-time styles.
  const std::string csp = page.header("content-security-policy");
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_NE(csp.find("style-src 'self' 'unsafe-inline'"), std::string::npos) << csp;
  auto bundle = server->get("/api-docs/redoc.standalone.js");
  ASSERT_EQ(bundle.status, 200);
  EXPECT_NE(bundle.header("content-type").find("javascript"), std::string::npos);
  EXPECT_GT(bundle.body.size(), 100000u);
  EXPECT_EQ(server->get("/api-docs/init.js").status, 200);
  // Everywhere else the strict policy stays.
  EXPECT_EQ(server->get("/").header("content-security-policy").find("unsafe-inline"),
            std::string::npos);
  EXPECT_EQ(server->get("/api/v1/openapi.json").header("content-security-policy").find("unsafe-inline"),
            std::string::npos);
}
