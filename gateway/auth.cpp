// Authentication of each request: see auth.hpp.
#include "gateway/auth.hpp"

#include "core/use_cases/authenticate_session.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/port_jobs.hpp"
#include "gateway/random.hpp"
#include "gateway/responses.hpp"

namespace enlace::gateway {

namespace {

std::chrono::minutes idle_minutes(const App& app) {
  return std::chrono::minutes(app.config.session_idle_minutes);
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == ';')) ++i;
    auto end = header.find(';', i);
    if (end == std::string_view::npos) end = header.size();
    auto pair = header.substr(i, end - i);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
    i = end;
  }
  return std::nullopt;
}

// A request that is not signed in spends its address's budget: 429 once that is gone, else 401.
boost::asio::awaitable<Response> unauthorized(Request& req) {
  if (auto limited = co_await limit_by_address(req)) co_return std::move(*limited);
  auto r = problem(req, 401, "unauthorized", "", "Sign in to continue.");
  r.set("WWW-Authenticate", "Bearer");
  co_return r;
}

}  // namespace

Response rate_limited(const Request& req, int wait) {
  auto r = problem(req, 429, "rate-limited", "", "Too many requests; slow down.");
  r.set("Retry-After", std::to_string(wait));
  return r;
}

boost::asio::awaitable<std::optional<Response>> limit_by_address(Request& req) {
  if (int wait = co_await req.app->rate_by_address.take(*req.app, req.remote_address, req.now);
      wait > 0)
    co_return rate_limited(req, wait);
  co_return std::nullopt;
}

core::Timestamp session_ends_at(const App& app, const core::SessionRecord& s,
                                core::Timestamp last_used) {
  return core::session_ends_at(s, last_used, idle_minutes(app));
}

bool session_usable(const App& app, const core::SessionActor& s, core::Timestamp now) {
  return core::session_usable(s, now, idle_minutes(app));
}

bool totp_enforced_for(const App& app, const core::Actor& actor) {
  // API.md: a demo database has two-factor off (and says so in /me and the login answer).
  return core::totp_enforced(actor, app.config.totp_required && !app.demo);
}

std::optional<std::string> request_token(Request& req) {
  if (auto auth = req.header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (auth->size() > kBearer.size() && auth->substr(0, kBearer.size()) == kBearer)
      return std::string(auth->substr(kBearer.size()));
    return std::nullopt;
  }
  if (auto cookie = req.header("cookie")) {
    if (auto v = cookie_value(*cookie, kSessionCookie)) {
      req.cookie_auth = true;
      return v;
    }
  }
  return std::nullopt;
}

boost::asio::awaitable<std::optional<Response>> authenticate(Request& req, Access access) {
  App& app = *req.app;
  auto token = request_token(req);
  if (!token || token->empty() || token->size() > 200) co_return co_await unauthorized(req);
  auto hash = sha256(*token);
  // Read before the lookup's snapshot begins: a sign-in row committed after this moves the
  // generation, so what the lookup saw is never kept as current past such a change.
  auto generation = app.db.sign_in_generation();
  // Where several processes share the database (app.feed), every request looks its session up:
  // the news of a sign-out through another process (storage/database_feed.hpp) can arrive
  // after the client's next request to this one, which must be refused all the same.
  auto cached = app.feed ? nullptr : app.sessions.find(hash, generation, req.now);
  if (cached) {
    app.metrics.session_cache_hits.fetch_add(1, std::memory_order_relaxed);
  } else {
    app.metrics.session_cache_misses.fetch_add(1, std::memory_order_relaxed);
    auto lookup = read_on(&core::ReadUnit::sessions,
        [hash](core::SessionReader& reader) -> core::Result<std::optional<core::SessionActor>> {
          return core::look_up_session(reader, hash);
        });
    auto found = co_await db_read(app.db, std::move(lookup));
    if (!found) co_return problem(req, found.error());
    if (!*found) co_return co_await unauthorized(req);
    cached = app.feed ? std::make_shared<const core::SessionActor>(std::move(**found))
                      : app.sessions.store(hash, std::move(**found), generation, req.now);
  }
  const core::SessionActor& s = *cached;
  if (!session_usable(app, s, req.now)) co_return co_await unauthorized(req);

  if (int wait = co_await app.rate_by_user.take(app, s.actor.user_id, req.now); wait > 0)
    co_return rate_limited(req, wait);
  // CSRF: a browser attaches the cookie to cross-site requests, but cannot add this header
  // cross-origin without a CORS preflight, which this server never grants.
  bool safe = req.method == "GET" || req.method == "HEAD";
  if (req.cookie_auth && !safe) {
    auto xrw = req.header("x-requested-with");
    if (!xrw || *xrw != "enlace")
      co_return problem(req, 403, "csrf", "",
                        "Requests signed in by cookie must send X-Requested-With: enlace.");
  }
  req.actor = s.actor;
  if (access != Access::enrolling_ok && !s.totp_enabled && totp_enforced_for(app, s.actor))
    co_return problem(req, 403, "totp-enrolment-required", "",
                      "Your role requires two-factor sign-in: enrol at /api/v1/me/totp first.");
  if (access != Access::enrolling_ok && s.must_change_password)
    co_return problem(req, 403, "password-change-required", "",
                      "Change your one-time password at /api/v1/me/password first.");
  // This use counts only once written (below, or by an earlier use within kSessionTouchEvery).
  req.session_ends_at = session_ends_at(app, s.session, s.session.last_used_at);
  if (core::session_use_due(s.session, req.now)) {
    // Awaited, so that the idle clock a later request reads has seen this use.
    auto touch = write_on(
        &core::WriteUnit::session_uses,
        [cached, now = req.now, idle = idle_minutes(app)](
            core::SessionUses& uses) -> core::Result<core::Timestamp> {
          return core::record_session_use(uses, *cached, now, idle);
        });
    auto touched = co_await db_write(app.db, std::move(touch));
    if (!touched) co_return problem(req, touched.error());
    req.session_ends_at = *touched;
  }
  co_return std::nullopt;
}

}  // namespace enlace::gateway
