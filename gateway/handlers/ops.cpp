// Operations endpoints (no sign-in): liveness, readiness, metrics, the OpenAPI document.
#include "core/use_cases/operations.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/openapi.hpp"
#include "gateway/port_jobs.hpp"
#include "gateway/responses.hpp"
#include "gateway/routes.hpp"
#include "gateway/static_files.hpp"

namespace enlace::gateway {

namespace {

// Liveness only, so always the same answer: the body is written out rather than built and
// serialised as JSON for each request (the readiness below does change).
boost::asio::awaitable<Response> healthz(Request&) {
  Response r;
  r.content_type = "application/json";
  r.body = R"({"status":"ok"})";
  co_return r;
}

boost::asio::awaitable<Response> readyz(Request& req) {
  auto probe = read_on(&core::ReadUnit::operations,
      [](core::OperationsReader& reader) { return core::check_ready(reader); });
  auto ok = co_await db_read(req.app->db, std::move(probe));
  if (!ok || req.app->stopping.load())
    co_return json(503, {{"status", "unavailable"}});
  co_return json(200, {{"status", "ready"}});
}

// The backlog is read from the database at each scrape: every process sharing it gives the
// same current figures. When it cannot be read, the last figures stand and the rest is
// answered: /metrics is what shows the database failing.
boost::asio::awaitable<Response> metrics(Request& req) {
  auto read = read_on(&core::ReadUnit::operations,
      [now = req.now](core::OperationsReader& reader) { return core::read_backlog(reader, now); });
  auto backlog = co_await db_read(req.app->db, std::move(read));
  if (backlog) req.app->metrics.note_backlog(*backlog, req.now);
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  auto& db = req.app->db;
  r.body = req.app->metrics.render(db.writer_stats(), db.engine_counters());
  co_return r;
}

boost::asio::awaitable<Response> openapi(Request& req) {
  co_return json(200, openapi_document(req.app->router));
}

// The API reference page (web/public/api-docs/, Redoc). Scripts stay 'self' only; Redoc sets
// styles at run time (style elements and attributes) and builds its search index in a blob:
// worker, so this page alone allows inline styles and blob: workers.
boost::asio::awaitable<Response> api_docs(Request& req) {
  const std::string path = req.path;
  req.path = "/api-docs/index.html";
  Response r = serve_static(req, req.app->config.web_root);
  req.path = path;
  if (r.status == 200)
    r.content_security_policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  co_return r;
}

}  // namespace

void add_ops_routes(Router& r) {
  r.add({"GET", "/healthz", Access::open, healthz, "Process is alive", "operations"})
      .gives(200, "Status");
  // 503 is {"status":"unavailable"}, not a problem: load balancers read the same shape.
  r.add({"GET", "/readyz", Access::open, readyz, "Database is usable", "operations"})
      .gives(200, "Status")
      .gives(503, "Status");
  r.add({"GET", "/metrics", Access::open, metrics, "Prometheus metrics (no personal data)",
         "operations"})
      .gives(200, "", "text/plain");
  r.add({"GET", "/api/v1/openapi.json", Access::open, openapi, "This OpenAPI 3.1 document",
         "operations"})
      .gives(200, "OpenApiDocument");
  r.add({"GET", "/api/docs", Access::open, api_docs,
         "The API reference: this document rendered as a readable page", "operations"})
      .gives(200, "", "text/html");
}

}  // namespace enlace::gateway
