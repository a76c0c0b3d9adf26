// GET/POST /referrals/{id}/messages: the thread between the two sides of a referral. Reading
// it is an audited read of personal data; a third organisation gets 404.
#include "core/field_checks.hpp"
#include "gateway/audit_refusal.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/idempotency.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/referral_common.hpp"
#include "gateway/handlers/referral_json.hpp"
#include "gateway/live_events.hpp"
#include "gateway/random.hpp"
#include "storage/audit_log.hpp"
#include "storage/referral_message_repository.hpp"
#include "storage/referral_repository.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

asio::awaitable<Response> get_messages(Request& req) {
  co_return co_await as_referral_party(req, "referral.messages.read", list_messages_as);
}

asio::awaitable<Response> list_messages_as(Request& req, core::Actor actor,
                                           core::AuditContext ctx, std::string id) {
  App& app = *req.app;
  auto page = read_page(req);
  if (!page) co_return problem(req, page.error());
  auto after = page->after.empty() ? std::optional<std::int64_t>(0) : parse_seq(page->after);
  if (!after)
    co_return problem(req, core::Error::invalid_field("cursor", "is not a cursor this server gave out"));
  using Messages = std::vector<storage::MessageRecord>;
  auto apply = [ctx, actor = std::move(actor), id = std::move(id),
                after = *after, limit = page->limit](storage::WriteTxn& tx) -> core::Result<Refusable<Messages>> {
    auto found = storage::ReferralRepository::find_for_update(tx, actor, id);
    if (!found) {
      storage::append_audit(tx, ctx.event("referral.messages.read", "referral", id, "not_found"));
      return Refusable<Messages>::refuse(found.error());
    }
    storage::append_audit(tx, ctx.event("referral.messages.read", "referral", id));
    return Refusable<Messages>{
        storage::ReferralMessageRepository::list(tx, actor, id, after, limit),
        std::nullopt};
  };
  auto done = co_await db_write(app.db, std::move(apply));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return audited_refusal(req, *done->refused);
  auto body = page_json(std::move(*done->value), page->limit, message_json,
                        [](const storage::MessageRecord& m) { return std::to_string(m.seq); });
  co_return json(200, body, true);
}

namespace {

struct Posted {
  storage::MessageRecord message;
};

}  // namespace

constexpr BodyField kMessageFields[] = {
    {"body", BodyField::text, true, 4 * storage::kMaxMessageChars}};
const BodyFields message_fields{kMessageFields};

asio::awaitable<Response> post_message(Request& req) {
  co_return co_await as_referral_party(req, "referral.message", post_message_as);
}

asio::awaitable<Response> post_message_as(Request& req, core::Actor actor,
                                          core::AuditContext ctx, std::string id) {
  App& app = *req.app;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(message_fields);
  auto text = f.string("body", true, 4 * storage::kMaxMessageChars);
  std::optional<std::string> checked;
  if (errors.empty())
    checked = core::check_text(errors, "body", text,
                               {.required = true, .max_chars = storage::kMaxMessageChars,
                                .multiline = true});
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  auto apply = [ctx, actor = std::move(actor), id = std::move(id), text = *checked,
                message_id = new_id(req.now), &hub = app.events](storage::WriteTxn& tx)
      -> core::Result<Refusable<Posted>> {
    auto found = storage::ReferralRepository::find_for_update(tx, actor, id);
    if (!found) {
      storage::append_audit(tx, ctx.event("referral.message", "referral", id, "not_found"));
      return Refusable<Posted>::refuse(found.error());
    }
    Posted p;
    p.message = storage::ReferralMessageRepository::insert(tx, actor, message_id, id, text, ctx.at);
    storage::append_audit(tx, ctx.event("referral.message", "referral_message", message_id));
    std::string receiver = found->status == core::Status::draft ? "" : found->to_org;
    record_live_event(tx, hub,
                      {"referral.message", id, found->from_org, std::move(receiver),
                       found->status, found->version},
                      ctx.at, ctx.actor_user);
    return Refusable<Posted>{std::move(p), std::nullopt};
  };
  auto render = [](const Refusable<Posted>& d) -> std::optional<Response> {
    if (d.refused) return std::nullopt;
    return json(201, message_json(d.value->message), true);
  };
  auto job = keep_reply(req, std::move(apply), render);
  auto done = co_await db_write(app.db, std::move(job));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return audited_refusal(req, *done->refused);
  co_return *render(*done);
}

}  // namespace enlace::gateway
