// Audit events for refused requests. A signed-in caller's 403, or 404 on an entity URL, on a
// personal-data route leaves an event with outcome "denied" or "not_found": probing other
// organisations' files must be visible to the auditor. The dispatcher calls
// audit_refused_response for every response, so handlers need to do nothing; a handler that
// refuses on an entity the URL does not name (e.g. a case_id in a body) calls audit_refusal.
#pragma once

#include "core/result.hpp"
#include "gateway/http_types.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace enlace::gateway {

// Writes one event: action "<entity_type>.read" (GET/HEAD) or "<entity_type>.write" (other
// methods), with the given outcome ("denied", "not_found"). Marks req as audited so the
// dispatcher does not write a second event. A failed write is logged, never thrown.
boost::asio::awaitable<void> audit_refusal(Request& req, std::string entity_type,
                                           std::string entity_id, std::string outcome);

// The problem reply for a refusal whose audit event the handler already committed (e.g. in the
// same write as its lookup): marks req so the dispatcher does not write a second event.
Response audited_refusal(Request& req, const core::Error& error);

// The entity type a route template holds personal data of ("case" for /api/v1/cases...), or
// nullopt for routes that hold none. One table, in audit_refusal.cpp.
std::optional<std::string> personal_data_entity(std::string_view route_pattern);

// The dispatcher's hook: for a signed-in caller refused with 403 (any personal-data route) or
// 404 (a personal-data route whose URL names an entity), writes the event unless the handler did.
boost::asio::awaitable<void> audit_refused_response(Request& req, int status);

}  // namespace enlace::gateway
