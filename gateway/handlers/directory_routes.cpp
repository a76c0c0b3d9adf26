// Directory routes: territories, organisations, users, categories, services, settings.
#include "gateway/routes.hpp"
#include "gateway/router.hpp"

namespace enlace::gateway {

void add_directory_routes(Router&) {}

}  // namespace enlace::gateway
