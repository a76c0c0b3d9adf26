// Shared by the case and consent handlers: the caseworker gate and the audit trail of
// refused requests (a refusal is itself worth recording: who tried to see whose file).
#pragma once

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "gateway/http_types.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>

namespace enlace::gateway {

// 403 unless the caller is a caseworker of an organisation; writes a "denied" event.
boost::asio::awaitable<std::optional<Response>> require_caseworker(Request& req,
                                                                   std::string action,
                                                                   std::string entity_id);

// The problem reply for `error`; a not_found or forbidden also leaves an audit event
// ("not_found"/"denied"), committed before the reply. The failed write it follows was rolled
// back, so the event needs its own transaction.
boost::asio::awaitable<Response> refuse(Request& req, core::Error error, std::string action,
                                        std::string entity_type, std::string entity_id);

}  // namespace enlace::gateway
