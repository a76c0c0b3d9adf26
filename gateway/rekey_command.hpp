// `enlace rekey --db PATH [--old-key-file F] --new-key-file G`: the port's rekey
// (core/ports/database_maintenance.hpp). Exit 2 for a key file it cannot read, 1 when the
// database refuses (not current, held by a server, a value that does not open).
#pragma once

#include "core/ports/database_maintenance.hpp"

#include <string>

namespace enlace::gateway {

struct RekeyArgs {
  std::string db, old_key_file, new_key_file;
};

int run_rekey(core::DatabaseMaintenance& maintenance, const RekeyArgs& args);

}  // namespace enlace::gateway
