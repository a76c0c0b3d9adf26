// The directory's route groups, one per handler file; add_directory_routes lists them.
#pragma once

namespace enlace::gateway {

class Router;

void add_territory_routes(Router& r);
void add_organization_routes(Router& r);
void add_user_routes(Router& r);
void add_category_routes(Router& r);
void add_settings_routes(Router& r);
void add_service_routes(Router& r);

}  // namespace enlace::gateway
