// Authentication of each request: see auth.hpp.
#include "gateway/auth.hpp"

#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/random.hpp"
#include "gateway/responses.hpp"
#include "storage/user_repository.hpp"

namespace enlace::gateway {

namespace {

// A session's last_used_at is written at most this often: reads must not become writes.
constexpr auto kTouchEvery = std::chrono::seconds(60);

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

core::Timestamp session_ends_at(const App& app, const storage::SessionRecord& s,
                                core::Timestamp last_used) {
  return std::min(s.expires_at, last_used + std::chrono::minutes(app.config.session_idle_minutes));
}

bool session_usable(const App& app, const storage::SessionActor& s, core::Timestamp now) {
  return !s.session.ended_at && s.user_active &&
         now < session_ends_at(app, s.session, s.session.last_used_at);
}

bool totp_enforced_for(const App& app, const core::Actor& actor) {
  // API.md: a demo database has two-factor off (and says so in /me and the login answer).
  if (!app.config.totp_required || app.demo) return false;
  for (auto r : actor.roles)
    if (core::role_requires_totp(r)) return true;
  return false;
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
  auto generation = app.db.writer().sign_in_generation();
  // Where several processes share the database (app.feed), every request looks its session up:
  // the news of a sign-out through another process (storage/database_feed.hpp) can arrive
  // after the client's next request to this one, which must be refused all the same.
  auto cached = app.feed ? nullptr : app.sessions.find(hash, generation, req.now);
  if (cached) {
    app.metrics.session_cache_hits.fetch_add(1, std::memory_order_relaxed);
  } else {
    app.metrics.session_cache_misses.fetch_add(1, std::memory_order_relaxed);
    auto lookup = [hash](storage::ReadTxn& tx) -> core::Result<std::optional<storage::SessionActor>> {
      return storage::SessionRepository::find_by_token(tx, hash);
    };
    auto found = co_await db_read(app.db, std::move(lookup));
    if (!found) co_return problem(req, found.error());
    if (!*found) co_return co_await unauthorized(req);
    cached = app.feed ? std::make_shared<const storage::SessionActor>(std::move(**found))
                      : app.sessions.store(hash, std::move(**found), generation, req.now);
  }
  const storage::SessionActor& s = *cached;
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
  // This use counts only once written (below, or by an earlier use within kTouchEvery).
  req.session_ends_at = session_ends_at(app, s.session, s.session.last_used_at);
  if (req.now - s.session.last_used_at >= kTouchEvery) {
    // Awaited, so that the idle clock a later request reads has seen this use.
    auto touch = [id = s.session.id, now = req.now](storage::WriteTxn& tx) -> core::Result<bool> {
      storage::SessionRepository::touch(tx, id, now);
      return true;
    };
    auto touched = co_await db_write(app.db, std::move(touch));
    if (!touched) co_return problem(req, touched.error());
    req.session_ends_at = session_ends_at(app, s.session, req.now);
  }
  co_return std::nullopt;
}

}  // namespace enlace::gateway
