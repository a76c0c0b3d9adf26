// GET/POST /referrals/{id}/messages: the thread between the two sides of a referral. Parses,
// runs the use case (core/use_cases/referral_messages.hpp) in one write, renders. Reading it
// is an audited read of personal data; a third organisation gets 404.
#include "core/field_checks.hpp"
#include "core/referral_message.hpp"
#include "core/use_cases/referral_messages.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/idempotency.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/referral_common.hpp"
#include "gateway/handlers/referral_json.hpp"
#include "gateway/random.hpp"
#include "gateway/use_case_jobs.hpp"

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
  auto read = [actor = std::move(actor), id = std::move(id), after = *after,
               limit = page->limit](const core::ReferralPorts& ports, core::Timestamp) {
    return core::read_referral_messages(ports, actor, id, after, limit);
  };
  auto apply = referral_job(std::move(ctx), req.audit, app.events, std::move(read));
  auto done = co_await db_write(app.db, std::move(apply));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return problem(req, *done->refused);
  auto body = page_json(std::move(*done->value), page->limit, message_json,
                        [](const core::MessageRecord& m) { return std::to_string(m.seq); });
  co_return json(200, body, true);
}

constexpr BodyField kMessageFields[] = {
    {"body", BodyField::text, true, 4 * core::kMaxMessageChars}};
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
  auto text = f.string("body", true, 4 * core::kMaxMessageChars);
  std::optional<std::string> checked;
  if (errors.empty())
    checked = core::check_text(errors, "body", text,
                               {.required = true, .max_chars = core::kMaxMessageChars,
                                .multiline = true});
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  auto post = [actor = std::move(actor), id = std::move(id), text = std::move(*checked),
               message_id = new_id(req.now)](const core::ReferralPorts& ports,
                                             core::Timestamp now) {
    return core::post_referral_message(ports, actor, id, message_id, text, now);
  };
  auto apply = referral_job(std::move(ctx), req.audit, app.events, std::move(post));
  auto render = [](const Refusable<core::MessageRecord>& d) -> std::optional<Response> {
    if (d.refused) return std::nullopt;
    return json(201, message_json(*d.value), true);
  };
  auto job = keep_reply(req, std::move(apply), render);
  auto done = co_await db_write(app.db, std::move(job));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return problem(req, *done->refused);
  co_return *render(*done);
}

}  // namespace enlace::gateway
