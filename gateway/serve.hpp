// `enlace serve`: run the server until SIGTERM/SIGINT.
#pragma once

#include "gateway/config.hpp"

namespace enlace::gateway {

int run_server(const ServeConfig& config);

}  // namespace enlace::gateway
