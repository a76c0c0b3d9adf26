// Shared by the case and consent handlers: the caseworker gate and the audit trail of
// refused requests (a refusal is itself worth recording: who tried to see whose file).
#pragma once

#include "core/result.hpp"
#include "gateway/http_types.hpp"

#include <optional>
#include <string>

namespace enlace::gateway {

// 403 unless the caller is a caseworker of an organisation; the refusal is audited as `action`
// on the case `entity_id`, outcome "denied".
std::optional<Response> require_caseworker(Request& req, std::string action,
                                           std::string entity_id);

// The problem reply for `error`, stating what the operation audits: a not_found or forbidden
// leaves its event ("not_found"/"denied") before the reply (request_audit.hpp). The failed
// write it follows was rolled back, so the event is written on its own.
Response refuse(Request& req, const core::Error& error, std::string action,
                std::string entity_type, std::string entity_id);

}  // namespace enlace::gateway
