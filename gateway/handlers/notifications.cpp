// E-mail notifications: one's own choices (GET/PUT /api/v1/me/notifications) and the system
// admin's view of the mail queue (GET /api/v1/admin/mail: states and ids, never a body).
#include "core/notification_prefs.hpp"
#include "core/use_cases/notifications.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/paging.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/port_jobs.hpp"
#include "gateway/routes.hpp"

#include <charconv>

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

// "email": {event: mode}; its keys are checked below against core::kNotificationKeys.
constexpr BodyField kPrefsFields[] = {{"email", BodyField::object, true}};
constexpr BodyFields prefs_fields{kPrefsFields};

// Every key, in the order of core::kNotificationKeys (core::mail_modes_shown).
bj::object prefs_json(const core::MailChoices& shown) {
  bj::object email;
  for (auto key : core::kNotificationKeys) {
    auto it = shown.find(key);
    if (it != shown.end()) email[key] = std::string(core::to_string(it->second));
  }
  return {{"email", std::move(email)}};
}

asio::awaitable<Response> get_prefs(Request& req) {
  auto read = read_on(&core::ReadUnit::notifications,
      [actor = req.caller()](core::NotificationReader& reader) {
        return core::read_notification_prefs(reader, actor);
      });
  auto shown = co_await db_read(req.app->db, std::move(read));
  if (!shown) co_return problem(req, shown.error());
  co_return json(200, prefs_json(*shown), false);
}

asio::awaitable<Response> put_prefs(Request& req) {
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(prefs_fields);
  core::MailChoices chosen;
  const auto* email = body.body->if_contains("email");
  if (!email || !email->is_object()) {
    errors.add("email", "must be an object of event: immediate|daily|off");
  } else {
    for (const auto& kv : email->as_object()) {
      const std::string key(kv.key());
      const auto& value = kv.value();
      std::string path = "email." + key;
      if (!core::is_notification_key(key)) {
        errors.add(path, "is not a notification; use referral.created, referral.updated, "
                         "referral.message, referral.overdue or digest");
        continue;
      }
      auto mode = value.is_string() ? core::parse_mail_mode(std::string(value.as_string()))
                                    : std::nullopt;
      if (!mode)
        errors.add(path, "must be immediate, daily or off");
      else
        chosen.emplace(key, *mode);
    }
  }
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  auto write = write_on_ports<core::NotificationPorts>(
      req, &core::WriteUnit::notifications,
      [actor = req.caller(), chosen](const core::NotificationPorts& ports, core::Timestamp) {
        return core::choose_notifications(ports, actor, chosen);
      });
  auto shown = co_await db_write(req.app->db, std::move(write));
  if (!shown) co_return problem(req, shown.error());
  co_return json(200, prefs_json(*shown), false);
}

bj::object mail_row_json(const core::MailQueueRow& r) {
  return {{"id", std::to_string(r.id)},
          {"user_id", r.user_id.empty() ? bj::value(nullptr) : bj::value(r.user_id)},
          {"organization_id", optional_string(r.organization_id)},
          {"event", r.event},
          {"state", r.state},
          {"attempts", r.attempts},
          {"last_error", optional_string(r.last_error)},
          {"created_at", core::format_timestamp(r.created_at)},
          {"sent_at", r.sent_at ? bj::value(core::format_timestamp(*r.sent_at)) : bj::value(nullptr)}};
}

asio::awaitable<Response> list_mail(Request& req) {
  if (!req.caller().has(core::Role::system_admin))
    co_return problem(req, core::Error::forbidden());
  auto page = read_page(req);
  if (!page) co_return problem(req, page.error());
  std::string state(req.query_param("state").value_or(""));
  if (!state.empty() && state != "queued" && state != "sent" && state != "failed")
    co_return problem(req, core::Error::invalid_field("state", "must be queued, sent or failed"));
  std::int64_t before = 0;
  if (!page->after.empty()) {
    auto [p, ec] = std::from_chars(page->after.data(), page->after.data() + page->after.size(), before);
    if (ec != std::errc() || p != page->after.data() + page->after.size() || before <= 0)
      co_return problem(req, core::Error::invalid_field("cursor", "is not a cursor of this list"));
  }
  core::MailQueueQuery query{state, before, page->limit + 1};
  auto read = read_on(&core::ReadUnit::notifications,
      [actor = req.caller(), query](core::NotificationReader& reader) {
        return core::list_mail_queue(reader, actor, query);
      });
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  co_return json(200,
                 page_json(std::move(*rows), page->limit, mail_row_json,
                           [](const core::MailQueueRow& r) { return std::to_string(r.id); }),
                 false);
}

}  // namespace

void add_notification_routes(Router& r) {
  r.add({"GET", "/api/v1/me/notifications", Access::signed_in, get_prefs,
         "Your e-mail notifications: each event immediate, daily or off (role defaults until "
         "you choose)", "auth"})
      .gives(200, "NotificationPrefs");
  r.add({"PUT", "/api/v1/me/notifications", Access::signed_in, put_prefs,
         "Choose your e-mail notifications; a key left out goes back to its default", "auth"})
      .takes("NotificationPrefsDraft", prefs_fields)
      .gives(200, "NotificationPrefs");
  r.add({"GET", "/api/v1/admin/mail", Access::signed_in, list_mail,
         "system_admin: the mail queue, newest first (ids, events, states; never a body); "
         "?state=queued|sent|failed", "ops"})
      .paged()
      .param("state", "queued, sent or failed")
      .gives(200, "MailQueuePage");
}

}  // namespace enlace::gateway

namespace enlace::gateway {

boost::json::value notification_prefs_schema() {
  namespace s = schema;
  bj::object modes;
  for (auto key : core::kNotificationKeys) modes[key] = s::words({"immediate", "daily", "off"});
  bj::array keys;
  for (auto key : core::kNotificationKeys) keys.emplace_back(key);
  bj::object email{{"type", "object"},
                   {"properties", std::move(modes)},
                   {"required", std::move(keys)},
                   {"additionalProperties", false}};
  return s::object({{"email", std::move(email)}});
}

boost::json::value mail_queue_row_schema() {
  namespace s = schema;
  return s::object({{"id", s::text()},
                    // A respond link's mail goes to an organisation, not a user:
                    {"user_id", s::nullable(s::text())},
                    {"organization_id", s::nullable(s::text()), false},
                    {"event", s::text()},
                    {"state", s::words({"queued", "sent", "failed"})},
                    {"attempts", s::integer()},
                    {"last_error", s::nullable(s::text())},
                    {"created_at", s::date_time()},
                    {"sent_at", s::nullable(s::date_time())}});
}

}  // namespace enlace::gateway
