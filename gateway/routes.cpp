// The route table: one call per module.
#include "gateway/routes.hpp"

#include "gateway/router.hpp"

namespace enlace::gateway {

void add_all_routes(Router& r) {
  add_ops_routes(r);
  add_auth_routes(r);
  add_directory_routes(r);
  add_hsds_routes(r);
  add_referral_routes(r);
  add_case_routes(r);
  add_stats_routes(r);
  add_audit_routes(r);
  add_disclosure_routes(r);
  add_two_factor_routes(r);
  add_account_security_routes(r);
  add_notification_routes(r);
  add_webhook_routes(r);
  add_fhir_routes(r);
}

}  // namespace enlace::gateway
