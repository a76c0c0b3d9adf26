// The ports a directory use case runs on, bound to the same transaction by the caller (the
// gateway builds them inside its db_write job, gateway/directory_ports.hpp; the unit tests use
// in-memory ones). Reads take a DirectoryReader alone: they audit nothing.
#pragma once

#include "core/ports/audit_trail.hpp"
#include "core/ports/directory_store.hpp"

namespace enlace::core {

struct DirectoryPorts {
  DirectoryStore& store;
  AuditTrail& audit;
};

}  // namespace enlace::core
