// Operations endpoints (no sign-in): liveness, readiness, metrics, the OpenAPI document.
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/openapi.hpp"
#include "gateway/responses.hpp"
#include "gateway/routes.hpp"
#include "storage/category_repository.hpp"

namespace enlace::gateway {

namespace {

boost::asio::awaitable<Response> healthz(Request&) {
  co_return json(200, {{"status", "ok"}});
}

boost::asio::awaitable<Response> readyz(Request& req) {
  auto probe = [](storage::ReadTxn& tx) -> core::Result<bool> {
    storage::CategoryRepository::probe(tx);
    return true;
  };
  auto ok = co_await db_read(req.app->db, std::move(probe));
  if (!ok || req.app->stopping.load())
    co_return json(503, {{"status", "unavailable"}});
  co_return json(200, {{"status", "ready"}});
}

boost::asio::awaitable<Response> metrics(Request& req) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  auto& db = req.app->db;
  r.body = req.app->metrics.render(db.writer().stats(), db.checkpointer().checkpoints());
  co_return r;
}

boost::asio::awaitable<Response> openapi(Request& req) {
  co_return json(200, openapi_document(req.app->router));
}

}  // namespace

void add_ops_routes(Router& r) {
  r.add({"GET", "/healthz", Access::open, healthz, "Process is alive", "operations"});
  r.add({"GET", "/readyz", Access::open, readyz, "Database is usable", "operations"});
  r.add({"GET", "/metrics", Access::open, metrics, "Prometheus metrics (no personal data)",
         "operations"});
  r.add({"GET", "/api/v1/openapi.json", Access::open, openapi, "This OpenAPI 3.1 document",
         "operations"});
}

}  // namespace enlace::gateway
