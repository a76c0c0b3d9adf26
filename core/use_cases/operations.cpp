// The operations reads: see operations.hpp.
#include "core/use_cases/operations.hpp"

namespace enlace::core {

Result<bool> check_ready(OperationsReader& reader) {
  reader.probe();
  return true;
}

Result<Backlog> read_backlog(OperationsReader& reader, Timestamp now) {
  return reader.backlog(now);
}

}  // namespace enlace::core
