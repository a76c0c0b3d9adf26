// GET/POST /api/v1/organizations/{id}/webhooks, DELETE .../webhooks/{webhook_id} and
// GET .../webhooks/{webhook_id}/deliveries: an organisation's org_admins connect its own
// systems. The sending is webhook_dispatcher.cpp's.
#include "core/use_cases/webhooks.hpp"
#include "core/webhook_rules.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/port_jobs.hpp"
#include "gateway/random.hpp"
#include "gateway/webhook_http.hpp"
#include "gateway/webhook_settings.hpp"
#include "gateway/webhook_signature.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr BodyField kWebhookFields[] = {
    {"url", BodyField::text, true, core::kMaxWebhookUrlLength},
    {"events", BodyField::texts, true, core::kWebhookEvents.size() * 2}};
constexpr BodyFields webhook_fields{kWebhookFields};

bj::value optional_time(const std::optional<core::Timestamp>& t) {
  if (!t) return nullptr;
  return bj::value(core::format_timestamp(*t));
}

std::string_view webhook_status(const core::WebhookRecord& r) {
  if (r.disabled_at) return "disabled";
  if (r.failing_since) return "failing";
  return "active";
}

bj::object webhook_json(const core::WebhookRecord& r) {
  bj::array events;
  for (const auto& e : r.events) events.emplace_back(e);
  return {{"id", r.id},
          {"organization_id", r.organization_id},
          {"url", r.url},
          {"events", std::move(events)},
          {"status", webhook_status(r)},
          {"created_at", core::format_timestamp(r.created_at)},
          {"failing_since", optional_time(r.failing_since)},
          {"disabled_at", optional_time(r.disabled_at)}};
}

bj::object delivery_json(const core::WebhookDeliveryRecord& d) {
  bj::value status = nullptr, error = nullptr;
  if (d.last_status) status = *d.last_status;
  if (d.last_error) error = *d.last_error;
  return {{"id", d.id},
          {"event_id", d.event_id},
          {"type", d.type},
          {"state", d.state},
          {"attempts", d.attempts},
          {"status_code", status},
          {"error", error},
          {"created_at", core::format_timestamp(d.created_at)},
          {"last_attempt_at", optional_time(d.last_attempt_at)},
          {"next_attempt_at", optional_time(d.next_attempt_at)},
          {"sent_at", optional_time(d.sent_at)}};
}

// 404 for an organisation that does not exist, 403 for one the caller does not administer
// (organisations are public in the directory; their webhooks are not). Before the body is read.
asio::awaitable<std::optional<Response>> refuse_unless_admin(Request& req, const std::string& org) {
  if (core::can_manage_webhooks(req.caller(), org)) co_return std::nullopt;
  auto check = read_on(&core::ReadUnit::webhooks,
      [actor = req.caller(), org](core::WebhookReader& reader) {
        return core::check_webhook_manager(reader, actor, org);
      });
  auto may = co_await db_read(req.app->db, std::move(check));
  if (!may) co_return problem(req, may.error());
  co_return std::nullopt;
}

template <class UseCase>
auto webhook_write(Request& req, UseCase use_case) {
  return write_on_ports<core::WebhookPorts>(req, &core::WriteUnit::webhooks, std::move(use_case));
}

// Resolves the URL's host (asio's resolver: not on this I/O thread's time) and applies the
// address rule; the sender applies it again at every delivery, to the address it connects to.
asio::awaitable<std::optional<core::Error>> check_destination(const core::WebhookUrl& url,
                                                             bool allow_private) {
  asio::ip::tcp::resolver resolver(co_await asio::this_coro::executor);
  boost::system::error_code ec;
  auto port = std::to_string(url.port);
  auto results = co_await resolver.async_resolve(url.host, port,
                                                 asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return core::Error::invalid_field("url", "names a host that could not be resolved");
  std::vector<asio::ip::address> addrs;
  for (const auto& r : results) addrs.push_back(r.endpoint().address());
  if (auto why = refused_addresses(addrs, allow_private))
    co_return core::Error::invalid_field("url", "is refused: " + *why);
  co_return std::nullopt;
}

asio::awaitable<Response> list_webhooks(Request& req) {
  auto read = read_on(&core::ReadUnit::webhooks,
      [actor = req.caller(), org = req.param("id")](core::WebhookReader& reader) {
        return core::list_webhooks(reader, actor, org);
      });
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  bj::array items;
  for (const auto& r : *rows) items.push_back(webhook_json(r));
  co_return json(200, bj::object{{"items", std::move(items)}});
}

asio::awaitable<Response> create_webhook(Request& req) {
  const std::string org = req.param("id");
  if (auto refused = co_await refuse_unless_admin(req, org)) co_return std::move(*refused);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(webhook_fields);
  auto url_text = f.string("url", true, core::kMaxWebhookUrlLength);
  auto events = f.strings("events", true, core::kWebhookEvents.size() * 2);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  auto url = core::parse_webhook_url(*url_text);
  if (!url) co_return problem(req, url.error());
  auto checked_events = core::check_webhook_events(*events);
  if (!checked_events) co_return problem(req, checked_events.error());
  const bool allow_private = webhooks_may_reach_private_addresses(*req.app);
  auto refused = co_await check_destination(*url, allow_private);
  if (refused) co_return problem(req, *refused);

  core::WebhookDraft draft{new_id(req.now), *url_text, *checked_events, new_webhook_secret()};
  auto write = webhook_write(req, [actor = req.caller(), org, draft](const core::WebhookPorts& ports,
                                                                     core::Timestamp now) {
    return core::create_webhook(ports, actor, org, draft, now);
  });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  auto out = webhook_json(*saved);
  out["secret"] = draft.secret;  // shown this once; stored sealed
  co_return json(201, out);
}

asio::awaitable<Response> delete_webhook(Request& req) {
  const std::string org = req.param("id");
  if (auto refused = co_await refuse_unless_admin(req, org)) co_return std::move(*refused);
  auto write = webhook_write(
      req, [actor = req.caller(), org, id = req.param("webhook_id")](
               const core::WebhookPorts& ports, core::Timestamp) {
        return core::delete_webhook(ports, actor, org, id);
      });
  auto removed = co_await db_write(req.app->db, std::move(write));
  if (!removed) co_return problem(req, removed.error());
  co_return no_content();
}

asio::awaitable<Response> list_deliveries(Request& req) {
  auto read = read_on(&core::ReadUnit::webhooks,
      [actor = req.caller(), org = req.param("id"),
       id = req.param("webhook_id")](core::WebhookReader& reader) {
        return core::list_webhook_deliveries(reader, actor, org, id);
      });
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  bj::array items;
  for (const auto& d : *rows) items.push_back(delivery_json(d));
  co_return json(200, bj::object{{"items", std::move(items)}});
}

}  // namespace

void add_webhook_routes(Router& r) {
  r.add({"GET", "/api/v1/organizations/{id}/webhooks", Access::signed_in, list_webhooks,
         "The organisation's webhooks (its org_admin)", "webhooks"})
      .gives(200, "WebhookList");
  r.add({"POST", "/api/v1/organizations/{id}/webhooks", Access::signed_in, create_webhook,
         "Add a webhook; the signing secret is shown once (org_admin)", "webhooks"})
      .takes("WebhookDraft", webhook_fields)
      .gives(201, "Webhook");
  r.add({"DELETE", "/api/v1/organizations/{id}/webhooks/{webhook_id}", Access::signed_in,
         delete_webhook, "Delete a webhook (org_admin)", "webhooks"})
      .gives(204);
  r.add({"GET", "/api/v1/organizations/{id}/webhooks/{webhook_id}/deliveries", Access::signed_in,
         list_deliveries, "The webhook's last deliveries (org_admin)", "webhooks"})
      .gives(200, "WebhookDeliveryList");
}

}  // namespace enlace::gateway

namespace enlace::gateway {

boost::json::value webhook_schema() {
  namespace s = schema;
  return s::object({{"id", s::text()},
                    {"organization_id", s::text()},
                    {"url", s::text()},
                    {"events", s::array(s::text())},
                    {"status", s::words({"active", "failing", "disabled"})},
                    {"created_at", s::date_time()},
                    {"failing_since", s::nullable(s::date_time())},
                    {"disabled_at", s::nullable(s::date_time())},
                    // POST only: the signing secret, shown this once
                    {"secret", s::text(), false}});
}

boost::json::value webhook_delivery_schema() {
  namespace s = schema;
  return s::object({{"id", s::text()},
                    {"event_id", s::integer()},
                    {"type", s::text()},
                    {"state", s::text()},
                    {"attempts", s::integer()},
                    {"status_code", s::nullable(s::integer())},
                    {"error", s::nullable(s::text())},
                    {"created_at", s::date_time()},
                    {"last_attempt_at", s::nullable(s::date_time())},
                    {"next_attempt_at", s::nullable(s::date_time())},
                    {"sent_at", s::nullable(s::date_time())}});
}

}  // namespace enlace::gateway
