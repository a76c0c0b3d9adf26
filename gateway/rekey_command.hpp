// `enlace rekey --db PATH [--old-key-file F] --new-key-file G`: see storage/rekey.hpp.
#pragma once

#include <string>

namespace enlace::gateway {

struct RekeyArgs {
  std::string db, old_key_file, new_key_file;
};

int run_rekey(const RekeyArgs& args);

}  // namespace enlace::gateway
