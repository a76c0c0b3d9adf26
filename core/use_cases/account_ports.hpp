// The ports an account use case runs on, bound to one write transaction by the caller (the
// gateway builds them inside its db_write job, gateway/account_ports.hpp; the unit tests use
// in-memory ones). Reads take an AccountReader alone: they audit nothing.
#pragma once

#include "core/ports/account_store.hpp"
#include "core/ports/audit_trail.hpp"

namespace enlace::core {

struct AccountPorts {
  AccountStore& store;
  AuditTrail& audit;
  SessionEndings& sessions;
  AttemptFailures& failures;  // the attempt's counts, where the operation limits guesses
  Credentials& credentials;
};

}  // namespace enlace::core
