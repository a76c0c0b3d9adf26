// Every module adds its routes here; the OpenAPI test checks each has a description.
#pragma once

namespace enlace::gateway {

class Router;

void add_ops_routes(Router& r);
void add_auth_routes(Router& r);
void add_directory_routes(Router& r);
void add_hsds_routes(Router& r);      // the directory as an Open Referral HSDS feed
void add_referral_routes(Router& r);
void add_case_routes(Router& r);     // cases and household links
void add_consent_routes(Router& r);  // called by add_case_routes
void add_case_transfer_routes(Router& r);  // called by add_case_routes
void add_stats_routes(Router& r);
void add_audit_routes(Router& r);
void add_disclosure_routes(Router& r);
void add_two_factor_routes(Router& r);
void add_account_security_routes(Router& r);
void add_notification_routes(Router& r);  // e-mail choices and the mail queue
void add_webhook_routes(Router& r);
void add_fhir_routes(Router& r);  // HL7 FHIR R4 Tasks
void add_all_routes(Router& r);

}  // namespace enlace::gateway
