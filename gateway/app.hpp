// The server's shared state, one per process: configuration, the database (as the core port
// its work goes through, core/ports/transactions.hpp), clock, routes, limits, metrics and the
// event hub. Handlers reach it through Request::app. Thread-safe members only.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/shared_database_feed.hpp"
#include "core/ports/transactions.hpp"
#include "gateway/clock.hpp"
#include "gateway/config.hpp"
#include "gateway/event_hub.hpp"
#include "gateway/idempotency.hpp"
#include "gateway/limits.hpp"
#include "gateway/metrics.hpp"
#include "gateway/password_hasher.hpp"
#include "gateway/request_rate_limit.hpp"
#include "gateway/router.hpp"
#include "gateway/session_cache.hpp"
#include "gateway/trusted_proxies.hpp"

#include <atomic>
#include <memory>

namespace enlace::gateway {

class OverdueScanner;

class App {
 public:
  App(const ServeConfig& config, core::Transactions& db);

  // Route, authenticate, limit, run the handler, and add the headers every response carries.
  boost::asio::awaitable<Response> dispatch(Request& req);

  const ServeConfig& config;
  // Where every unit of work goes; serve.cpp binds it to the database it opened.
  core::Transactions& db;
  Clock clock;
  Router router;
  TrustedProxies trusted_proxies;
  PasswordHasher hasher;
  // Wrong passwords and second-factor codes at sign-in, keyed as sign_in_keys() says.
  FailureLimiter sign_in_failures;
  // Wrong current passwords and enrolment codes of a signed-in user: a stolen session must
  // not become an oracle for the password or the second factor.
  FailureLimiter account_checks_by_user;
  // Requests of a signed-in user, all their sessions together; of anyone else, per address.
  // Staff behind one office router or one proxy never share a budget.
  RequestRateLimit rate_by_user;
  RequestRateLimit rate_by_address;
  SessionCache sessions;
  Metrics metrics;
  EventHub events;
  IdempotencyInFlight idempotency_in_flight;
  std::atomic<bool> stopping{false};
  // A database made by `init --demo` (setting "demo"): two-factor is not enforced and the
  // sign-in answers say so. Set once at start-up, before the server accepts connections.
  bool demo = false;
  // Set once at start-up, before the server accepts connections; listings nudge it.
  std::shared_ptr<OverdueScanner> overdue_scanner;
  // Whether this process runs the scheduled work (overdue scan and expiry, mail, webhooks,
  // the audit anchor's line): always on SQLite (one process per file); where several
  // processes share a PostgreSQL database, only while it holds the leader lock
  // (storage/database_feed.hpp, wired by gateway/database_feed_link.hpp), so that the work
  // runs once.
  std::atomic<bool> runs_scheduled_work{true};
  // PostgreSQL only (null on SQLite): set once at start-up, before the server accepts
  // connections (gateway/database_feed_link.hpp).
  core::SharedDatabaseFeed* feed = nullptr;

 private:
  boost::asio::awaitable<Response> handle(Request& req);
};

// The strict limit is per pair of username and client address, so that a stranger failing on
// purpose locks the name only where they are; the same failures also count per username alone
// (guesses spread over many addresses) and per address alone (one address trying many names),
// each with this many times the strict limit.
inline constexpr int kSignInCeilingFactor = 10;
std::vector<FailureLimiter::Key> sign_in_keys(const App& app, const std::string& username,
                                              const std::string& address);

// The audit context of a request: who, from where, which request, when.
core::AuditContext audit_context(const Request& req);

// Marks `res` for the headers every reply carries (security_headers.hpp): the request's id,
// HSTS when it came over https, Cache-Control: no-store for personal data and signed-in API
// calls.
void add_security_headers(const Request& req, Response& res);

}  // namespace enlace::gateway
