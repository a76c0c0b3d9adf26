// The caseworker gate and refusal events: see case_audit.hpp.
#include "gateway/handlers/case_audit.hpp"

#include "core/access_policy.hpp"
#include "gateway/responses.hpp"

namespace enlace::gateway {

Response refuse(Request& req, const core::Error& error, std::string action,
                std::string entity_type, std::string entity_id) {
  req.audit.states({std::move(action), std::move(entity_type), std::move(entity_id)});
  return problem(req, error);
}

std::optional<Response> require_caseworker(Request& req, std::string action,
                                           std::string entity_id) {
  if (core::can_create_case(req.caller())) return std::nullopt;
  return refuse(req, core::Error::forbidden("Only caseworkers work with cases."), std::move(action),
                "case", std::move(entity_id));
}

}  // namespace enlace::gateway
