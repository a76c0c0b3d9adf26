// The `enlace` command line (API.md, Command line): init, user add, serve, backup, restore,
// purge, audit verify.
#pragma once

namespace enlace::gateway {

int run_cli(int argc, char** argv);

}  // namespace enlace::gateway
