// Who is calling: the bearer token or the session cookie, checked against the session table.
#pragma once

#include "gateway/http_types.hpp"
#include "gateway/router.hpp"

#include <optional>
#include <string>

namespace enlace::gateway {

inline constexpr const char* kSessionCookie = "enlace_session";

// The token from `Authorization: Bearer` or the cookie; sets req.cookie_auth for the latter.
std::optional<std::string> request_token(Request& req);

// Authenticates req for a route of the given access level. On success req.actor is set and
// nullopt is returned; otherwise the 401/403/429 response to send.
boost::asio::awaitable<std::optional<Response>> authenticate(Request& req, Access access);

// Whether two-factor is enforced for this actor's roles in this deployment.
bool totp_enforced_for(const App& app, const core::Actor& actor);

}  // namespace enlace::gateway
