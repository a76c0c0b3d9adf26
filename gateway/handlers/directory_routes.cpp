// Directory routes: territories, organisations, users, categories, services, settings.
#include "gateway/handlers/directory_handlers.hpp"
#include "gateway/router.hpp"
#include "gateway/routes.hpp"

namespace enlace::gateway {

void add_directory_routes(Router& r) {
  add_territory_routes(r);
  add_organization_routes(r);
  add_user_routes(r);
  add_category_routes(r);
  add_settings_routes(r);
  add_service_routes(r);
}

}  // namespace enlace::gateway
