// Who is calling: the bearer token or the session cookie, checked against the session table.
#pragma once

#include "gateway/http_types.hpp"
#include "gateway/router.hpp"
#include "core/session.hpp"

#include <optional>
#include <string>

namespace enlace::gateway {

inline constexpr const char* kSessionCookie = "enlace_session";

// The token from `Authorization: Bearer` or the cookie; sets req.cookie_auth for the latter.
std::optional<std::string> request_token(Request& req);

// 429 with Retry-After (seconds).
Response rate_limited(const Request& req, int wait);
// Spends one request of the client address's budget (rate_limit_per_minute, shared by every
// request that is not signed in): the 429 once it is gone. For routes without a session.
boost::asio::awaitable<std::optional<Response>> limit_by_address(Request& req);

// Authenticates req for a route of the given access level. On success req.actor is set and
// nullopt is returned; otherwise the 401/403/429 response to send.
boost::asio::awaitable<std::optional<Response>> authenticate(Request& req, Access access);

// The session rules (core/session.hpp) with this deployment's session_idle_minutes.
core::Timestamp session_ends_at(const App& app, const core::SessionRecord& s,
                                core::Timestamp last_used);
bool session_usable(const App& app, const core::SessionActor& s, core::Timestamp now);

// Whether two-factor is enforced for this actor's roles in this deployment.
bool totp_enforced_for(const App& app, const core::Actor& actor);

}  // namespace enlace::gateway
