// How a use case says no. Two kinds, on purpose:
// - a refusal that leaves its audit event (403, 404, a refused move, a stale version): the use
//   case records the event and returns Refusable::refuse, a success for the transaction, so
//   that the event commits (a failing job rolls back its savepoint, and the event with it);
// - an error returned as Result's error (a malformed request, no covering consent on create,
//   a closed case on create): the transaction rolls back and nothing is left, as before.
#pragma once

#include "core/ports/audit_trail.hpp"
#include "core/result.hpp"

#include <optional>
#include <string>
#include <utility>

namespace enlace::core {

template <class T>
struct Refusable {
  std::optional<T> value;
  std::optional<Error> refused;

  static Refusable refuse(Error e) { return {std::nullopt, std::move(e)}; }
};

// The audit outcome word for a refusal: denied, not_found, conflict, stale, invalid, failed.
std::string audit_outcome(const Error& e);

// Whether `e` is a refusal every operation audits (403, 404: who tried to see whose file), as
// the gateway decides for the operations not on a use case (gateway/request_audit.hpp).
inline bool audited_refusal(const Error& e) {
  return e.code == ErrorCode::forbidden || e.code == ErrorCode::not_found;
}

// How an operation whose other errors leave no event ends on `e`: a 403 or 404 is recorded on
// `audit` under the operation's action and entity and refused (the event commits); anything
// else is returned as the error (rolled back, nothing left).
template <class T>
Result<Refusable<T>> refuse_or_fail(AuditTrail& audit, Error e, std::string action,
                                    std::string entity_type, std::string entity_id) {
  if (!audited_refusal(e)) return e;
  audit.record(std::move(action), std::move(entity_type), std::move(entity_id), audit_outcome(e));
  return Refusable<T>::refuse(std::move(e));
}

}  // namespace enlace::core
