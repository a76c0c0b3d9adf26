// Request dispatch: routing, authentication, limits, security headers, metrics, access log.
#include "gateway/app.hpp"

#include "gateway/access_log.hpp"
#include "gateway/auth.hpp"
#include "gateway/fhir_resources.hpp"
#include "gateway/log.hpp"
#include "gateway/random.hpp"
#include "gateway/request_audit_trail.hpp"
#include "gateway/request_framing.hpp"
#include "gateway/responses.hpp"
#include "gateway/routes.hpp"
#include "gateway/static_files.hpp"

#include <exception>
#include <stdexcept>

namespace enlace::gateway {

namespace {
// resolve_config has checked the list; an App built from anything else fails loudly.
TrustedProxies trusted_proxies_of(const ServeConfig& cfg) {
  auto parsed = TrustedProxies::parse(cfg.trusted_proxies);
  if (!parsed) throw std::invalid_argument("invalid trusted_proxies");
  return std::move(*parsed);
}
}  // namespace

App::App(const ServeConfig& cfg, core::Transactions& database)
    : config(cfg),
      db(database),
      clock(cfg.test_clock_file),
      trusted_proxies(trusted_proxies_of(cfg)),
      hasher(Argon2Params{cfg.argon2_memory_kib, cfg.argon2_iterations, cfg.argon2_parallelism},
             cfg.password_hash_threads, cfg.password_hash_queue),
      sign_in_failures(std::chrono::minutes(15)),
      account_checks_by_user(std::chrono::minutes(15)),
      rate_by_user("user", cfg.rate_limit_per_minute),
      rate_by_address("address", cfg.rate_limit_per_minute) {
  add_all_routes(router);
}

std::vector<FailureLimiter::Key> sign_in_keys(const App& app, const std::string& username,
                                              const std::string& address) {
  std::string user;
  for (char c : username) user += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  int strict = app.config.login_failures_per_15_minutes;
  return {{"pair:" + address + " " + user, strict},
          {"user:" + user, strict * kSignInCeilingFactor},
          {"address:" + address, strict * kSignInCeilingFactor}};
}

core::AuditContext audit_context(const Request& req) {
  core::AuditContext c;
  if (req.actor) {
    c.actor_user = req.actor->user_id;
    c.organization = req.actor->organization_id;
    c.role = core::roles_text(req.actor->roles);
  }
  c.address = req.remote_address;
  c.request_id = req.request_id;
  c.at = req.now;
  return c;
}

void add_security_headers(const Request& req, Response& res) {
  auto& s = res.security;
  s.present = true;
  s.request_id = req.request_id;
  s.hsts = req.https;
  bool api = req.path.rfind("/api/", 0) == 0 || is_fhir_path(req.path);
  s.no_store = res.personal_data || (api && req.actor);
  if (res.stream) {  // the session writes an event stream's head from `headers` alone
    for_each_security_header(s, res.content_security_policy,
                             [&](std::string_view name, std::string_view value) {
                               res.set(std::string(name), std::string(value));
                             });
    s = {};
  }
}

boost::asio::awaitable<Response> App::dispatch(Request& req) {
  auto started = std::chrono::steady_clock::now();
  req.app = this;
  req.now = clock.now();
  apply_forwarding(req, trusted_proxies);
  Response res;
  try {
    res = co_await handle(req);
  } catch (const std::exception& e) {
    log_event(LogLevel::error, "handler_exception",
              {{"request_id", req.request_id}, {"route", req.route}, {"what", e.what()}});
    res = problem(req, 500, "internal", "", "Internal error; quote the request id.");
  }
  // A refusal the operation's own write did not record is audited here, so no handler has to
  // remember to (request_audit.hpp). One that cannot be audited is not answered as a refusal.
  try {
    auto unaudited = co_await write_refusal_event(req, res.status);
    if (unaudited) res = problem(req, *unaudited);
  } catch (const std::exception& e) {
    log_event(LogLevel::error, "audit_refusal_exception",
              {{"request_id", req.request_id}, {"route", req.route}, {"what", e.what()}});
    res = problem(req, 500, "internal", "", "Internal error; quote the request id.");
  }
  // FHIR clients read OperationOutcomes, not problem+json.
  if (is_fhir_path(req.path)) res = as_fhir_response(std::move(res));
  add_security_headers(req, res);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  static const std::string kUnmatched = "unmatched";
  const std::string& route = req.route.empty() ? kUnmatched : req.route;  // no copy
  metrics.record(req.method, route, res.status, seconds);
  RequestLine line;
  line.request_id = req.request_id;
  line.method = req.method;
  line.route = route;
  line.status = res.status;
  line.duration_ms = seconds * 1000.0;
  if (req.actor) {
    line.signed_in = true;
    line.user = req.actor->user_id;
    line.org = req.actor->organization_id;
  }
  log_request(line);
  co_return res;
}

boost::asio::awaitable<Response> App::handle(Request& req) {
  // A query that is not plain text searches or filters nothing (router.cpp says why); refused
  // here, where a FHIR path still gets its OperationOutcome.
  for (const auto& [name, value] : req.query)
    if (!is_plain_text(name) || !is_plain_text(value))
      co_return problem(req, 400, "malformed-request", "",
                        "A query parameter is not text (UTF-8 without NUL bytes).");
  auto m = router.match(req.method, req.path);
  if (!m.route) {
    if (m.path_known) {
      auto r = problem(req, 405, "method-not-allowed", "", "This path does not take " + req.method + ".");
      std::string allow;
      for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
      r.set("Allow", allow);
      co_return r;
    }
    if (req.path.rfind("/api/", 0) != 0 && !is_fhir_path(req.path) &&
        (req.method == "GET" || req.method == "HEAD")) {
      req.route = "static";
      co_return serve_static(req, config.web_root);
    }
    co_return problem(req, 404, "not-found", "", "No such resource.");
  }
  req.route = m.route->pattern;
  req.params = std::move(m.params);
  const bool open = m.route->access == Access::open ||
                    (m.route->access == Access::published && config.hsds_public);
  if (!open) {
    // Rate limits too: per user once signed in, else per address (auth.cpp).
    auto refused = co_await authenticate(req, m.route->access);
    if (refused) co_return std::move(*refused);
  }
  if (m.route->idempotent) co_return co_await run_idempotent(req, m.route->handler);
  co_return co_await m.route->handler(req);
}

}  // namespace enlace::gateway
