// Refusals: see refusal.hpp.
#include "core/use_cases/refusal.hpp"

namespace enlace::core {

std::string audit_outcome(const Error& e) {
  switch (e.code) {
    case ErrorCode::forbidden: return "denied";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::stale: return "stale";
    case ErrorCode::invalid: return "invalid";
    default: return "failed";
  }
}

}  // namespace enlace::core
