// The `enlace` executable: command-line entry point.
#include "gateway/cli.hpp"

int main(int argc, char** argv) { return enlace::gateway::run_cli(argc, argv); }
