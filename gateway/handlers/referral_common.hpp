// What the referral handlers share: the handler functions of each file, refusals that still
// commit their audit event, and the roles that ever take part in a referral.
#pragma once

#include "core/audit_event.hpp"
#include "core/referral_list.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/use_cases/refusal.hpp"
#include "gateway/http_types.hpp"
#include "gateway/json_schema.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace enlace::gateway {

// A write whose refusal (403, 404, 409...) must still commit its audit event, and the audit
// outcome word for a refusal: the use cases' (core/use_cases/refusal.hpp).
using core::audit_outcome;
using core::Refusable;

// partner, caseworker or org_admin of an organisation: the roles that may be a referral's
// party. Everyone else is refused (403) before any query.
bool takes_part_in_referrals(const core::Actor& a);

// The sender's {"code","pin","url"}; the PIN is known only in the reply that sent the
// referral; url is the person's page at public_url (null when none is configured).
boost::json::object tracking_json(const std::optional<std::string>& code,
                                  const std::optional<std::string>& pin,
                                  const std::string& public_url);

// A cursor's position (a non-negative integer), or nullopt.
using core::parse_seq;

boost::asio::awaitable<Response> post_transition(Request& req);
// The bodies of the referral routes for a given actor and audit context: a signed-in caller
// (as_referral_party), or an external organisation through its respond link
// (gateway/handlers/respond.cpp).
using RouteAs = boost::asio::awaitable<Response> (*)(Request&, core::Actor, core::AuditContext,
                                                     std::string id);
// A signed-in caller on the referral of the URL's {id}: 403 (audited as `action`) unless their
// roles ever take part in referrals, else `run` as themselves.
boost::asio::awaitable<Response> as_referral_party(Request& req, const char* action, RouteAs run);
boost::asio::awaitable<Response> transition_referral_as(Request& req, core::Actor actor,
                                                        core::AuditContext ctx, std::string id);
boost::asio::awaitable<Response> read_referral_as(Request& req, core::Actor actor,
                                                  core::AuditContext ctx, std::string id);
boost::asio::awaitable<Response> list_messages_as(Request& req, core::Actor actor,
                                                  core::AuditContext ctx, std::string id);
boost::asio::awaitable<Response> post_message_as(Request& req, core::Actor actor,
                                                 core::AuditContext ctx, std::string id);
extern const BodyFields transition_fields;  // its body, for the OpenAPI document
boost::asio::awaitable<Response> get_messages(Request& req);
boost::asio::awaitable<Response> post_message(Request& req);
extern const BodyFields message_fields;
boost::asio::awaitable<Response> get_events(Request& req);

}  // namespace enlace::gateway
