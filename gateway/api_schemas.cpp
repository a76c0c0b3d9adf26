// The reply schemas of the OpenAPI document: see api_schemas.hpp.
#include "gateway/api_schemas.hpp"

#include "gateway/handlers/case_json.hpp"
#include "gateway/json_schema.hpp"

namespace enlace::gateway {

boost::json::object reply_schemas() {
  namespace s = schema;
  boost::json::object o;
  o["Case"] = case_schema();
  o["CasePage"] = s::page_of("Case");
  o["Consent"] = consent_schema();
  o["User"] = user_schema();
  o["UserPage"] = s::page_of("User");
  o["Session"] = s::object({{"token", s::text()},
                            {"expires_at", s::date_time()},
                            {"user", s::ref("User")},
                            {"demo", s::boolean(), false}});
  o["SessionInfo"] = session_schema();
  o["SessionList"] = s::object({{"items", s::array(s::ref("SessionInfo"))}});
  o["TemporaryPassword"] =
      s::object({{"temporary_password", s::text()}, {"expires_at", s::date_time()}});
  o["TotpEnrolment"] = s::object({{"secret", s::text()}, {"otpauth_uri", s::text()}});
  o["RecoveryCodes"] = s::object({{"recovery_codes", s::array(s::text())}});
  o["Category"] = category_schema();
  o["CategoryPage"] = s::page_of("Category");
  o["Organization"] = organization_schema();
  o["OrganizationPage"] = s::page_of("Organization");
  o["Territory"] = territory_schema();
  o["TerritoryPage"] = s::page_of("Territory");
  o["Service"] = service_schema();
  o["ServicePage"] = s::page_of("Service");
  o["ResponseStandards"] = standards_schema();
  o["Referral"] = referral_schema();
  o["ReferralPage"] = s::page_of("Referral");
  o["Message"] = message_schema();
  o["MessageList"] = s::page_of("Message");
  o["Alternative"] = alternative_schema();
  o["AlternativePage"] = s::page_of("Alternative");
  o["Webhook"] = webhook_schema();
  o["WebhookList"] = s::object({{"items", s::array(s::ref("Webhook"))}});
  o["WebhookDelivery"] = webhook_delivery_schema();
  o["WebhookDeliveryList"] = s::object({{"items", s::array(s::ref("WebhookDelivery"))}});
  o["NotificationPrefs"] = notification_prefs_schema();
  o["MailQueueRow"] = mail_queue_row_schema();
  o["MailQueuePage"] = s::page_of("MailQueueRow");
  // expires_at is null while the referral is open: the link lives until it ends + 30 days.
  o["RespondLink"] = s::object({{"url", s::text()}, {"expires_at", s::nullable(s::date_time())}});
  // The person's view (POST /track): nothing personal, only where to go.
  auto service = s::object({{"name", s::nullable(s::text())},
                            {"organization", s::text()},
                            {"address", s::nullable(s::text())},
                            {"phone", s::nullable(s::text())},
                            {"hours", s::nullable(s::text())},
                            {"how_to_apply", s::nullable(s::text())}});
  o["TrackView"] = s::object({{"category", s::text()},
                              {"status", s::text()},
                              {"updated_at", s::date_time()},
                              {"service", std::move(service)}});
  o["TrackFeedback"] = s::object({{"id", s::text()},
                                  {"outcome", s::words({"got_service", "turned_away",
                                                        "could_not_reach", "other"})},
                                  {"rating", s::nullable(s::integer())}});
  for (auto& kv : hsds_schemas()) o[kv.key()] = kv.value();
  for (auto& kv : fhir_schemas()) o[kv.key()] = kv.value();
  // Not yet described key by key: any object (see docs/DEVELOPING.md to describe one).
  o["AuditPage"] = s::page_of("AuditEvent");
  o["AuditEvent"] = s::any_object();
  o["AuditVerification"] = s::object({{"ok", s::boolean()}}, false);
  o["GapReport"] = s::any_object();
  o["DisclosureReport"] = s::any_object();
  o["Status"] = s::object({{"status", s::text()}});
  o["OpenApiDocument"] = s::object({{"openapi", s::text()}}, false);
  return o;
}

}  // namespace enlace::gateway
