// The named reply schemas of the OpenAPI document (components.schemas): each written as a
// table next to the renderer that produces the JSON (case_json.cpp, referral_json.cpp ...)
// and gathered here. Routes refer to them by name (Route::gives); the integration suites
// validate every reply they receive against them (tests/support/openapi_check.*).
#pragma once

#include <boost/json/object.hpp>

namespace enlace::gateway {

boost::json::object reply_schemas();

// Written beside their renderers (the file named after each).
boost::json::value case_schema();          // handlers/case_json.cpp
boost::json::value consent_schema();       // handlers/case_json.cpp
boost::json::value user_schema();          // handlers/common.cpp
boost::json::value category_schema();      // handlers/categories.cpp
boost::json::value organization_schema();  // handlers/organizations.cpp
boost::json::value territory_schema();     // handlers/territories.cpp
boost::json::value service_schema();       // handlers/services.cpp
boost::json::value session_schema();       // handlers/user_security.cpp
boost::json::value referral_schema();      // handlers/referral_json.cpp
boost::json::value message_schema();       // handlers/referral_json.cpp
boost::json::value alternative_schema();   // handlers/referrals.cpp
boost::json::value standards_schema();     // handlers/settings.cpp
boost::json::value webhook_schema();            // handlers/webhooks.cpp
boost::json::value webhook_delivery_schema();   // handlers/webhooks.cpp
boost::json::value notification_prefs_schema(); // handlers/notifications.cpp
boost::json::value mail_queue_row_schema();     // handlers/notifications.cpp
boost::json::object hsds_schemas();             // handlers/hsds.cpp
boost::json::object fhir_schemas();             // handlers/fhir.cpp

// RFC 9457 problem details as problem() writes them; `errors` names each field on 422.
boost::json::value problem_schema();

}  // namespace enlace::gateway
