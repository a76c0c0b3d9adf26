// How a use case says no. Two kinds, on purpose:
// - a refusal that leaves its audit event (403, 404, a refused move, a stale version): the use
//   case records the event and returns Refusable::refuse, a success for the transaction, so
//   that the event commits (a failing job rolls back its savepoint, and the event with it);
// - an error returned as Result's error (a malformed request, no covering consent on create,
//   a closed case on create): the transaction rolls back and nothing is left, as before.
#pragma once

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

}  // namespace enlace::core
