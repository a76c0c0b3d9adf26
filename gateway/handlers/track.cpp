// The person's own view (API.md): POST /api/v1/track and /api/v1/track/feedback, with the
// referral's tracking code and PIN and no session. The reply names the category, the state
// and where to go, nothing personal. The PIN check, its lock-out and the audit events are the
// use cases' (core/use_cases/track_referral.hpp), each in one writer job.
#include "core/field_checks.hpp"
#include "core/person_view.hpp"
#include "core/use_cases/track_referral.hpp"
#include "gateway/app.hpp"
#include "gateway/auth.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/referral_json.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"
#include "gateway/use_case_jobs.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr std::size_t kMaxCommentChars = 2000;

// Reads code and pin; errors already found in the body are reported with theirs.
core::Result<core::TrackingCredentials> read_credentials(FieldReader& f,
                                                         core::FieldErrors& errors) {
  auto code = f.string("code", true, 64);
  auto pin = f.string("pin", true, 64);
  std::optional<std::string> normal;
  if (code && !(normal = core::normalize_tracking_code(*code)))
    errors.add("code", "must be the 8-character code on the slip");
  if (pin && !core::is_pin(*pin)) errors.add("pin", "must be the 6 digits on the slip");
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  return core::TrackingCredentials{*normal, *pin};
}

std::optional<Response> refusal(const Request& req, const core::PinChecked& c) {
  if (c.check == core::PinCheck::locked) {
    auto r = problem(req, 429, "tracking-locked", "",
                     "Too many wrong PINs for this code: try again later.");
    r.set("Retry-After", std::to_string(c.retry_after));
    return r;
  }
  if (c.check == core::PinCheck::unknown)
    return problem(req, 404, "not-found", "", "No referral has this code and PIN.");
  return std::nullopt;
}

core::AuditContext person_context(const Request& req) {
  auto ctx = audit_context(req);
  ctx.role = "person";
  return ctx;
}

asio::awaitable<Response> post_track(Request& req) {
  if (auto limited = co_await limit_by_address(req)) co_return std::move(*limited);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only({"code", "pin"});
  auto creds = read_credentials(f, errors);
  if (!creds) co_return problem(req, creds.error());

  auto track = [c = std::move(*creds)](const core::TrackingPorts& ports, core::Timestamp now) {
    return core::track_referral(ports, c, now);
  };
  auto apply = tracking_job(person_context(req), req.audit, req.app->events, std::move(track));
  auto done = co_await db_write(req.app->db, std::move(apply));
  if (!done) co_return problem(req, done.error());
  if (auto refused = refusal(req, done->pin)) co_return std::move(*refused);
  const core::TrackView& v = *done->view;
  bj::object service{{"name", optional_string(v.service_name)},
                     {"organization", v.organization},
                     {"address", optional_string(v.address)},
                     {"phone", optional_string(v.phone)},
                     {"hours", optional_string(v.hours)},
                     {"how_to_apply", optional_string(v.how_to_apply)}};
  bj::object out{{"category", v.category},
                 {"status", v.status},
                 {"updated_at", core::format_timestamp(v.updated_at)},
                 {"service", std::move(service)}};
  co_return json(200, out, true);
}

asio::awaitable<Response> post_track_feedback(Request& req) {
  if (auto limited = co_await limit_by_address(req)) co_return std::move(*limited);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only({"code", "pin", "outcome", "rating", "comment"});
  core::PersonFeedback fb;
  auto outcome = f.string("outcome", true, 64);
  auto rating = f.has("rating") && !f.is_null("rating") ? f.integer("rating") : std::nullopt;
  auto comment = f.string("comment", false, 4 * kMaxCommentChars);
  if (outcome) {
    if (auto o = core::parse_feedback_outcome(*outcome)) fb.outcome = *o;
    else errors.add("outcome", "must be got_service, turned_away, could_not_reach or other");
  }
  if (rating) {
    if (*rating < 1 || *rating > 5) errors.add("rating", "must be from 1 to 5");
    else fb.rating = static_cast<int>(*rating);
  }
  if (auto text = core::check_text(errors, "comment", comment,
                                   {.max_chars = kMaxCommentChars, .multiline = true}))
    fb.comment = *text;
  auto creds = read_credentials(f, errors);
  if (!creds) co_return problem(req, creds.error());

  auto message_id = new_id(req.now);
  auto give = [c = std::move(*creds), fb, message_id, feedback_id = new_id(req.now)](
                  const core::TrackingPorts& ports, core::Timestamp now) {
    return core::give_feedback(ports, c, fb, message_id, feedback_id, now);
  };
  auto apply = tracking_job(person_context(req), req.audit, req.app->events, std::move(give));
  auto done = co_await db_write(req.app->db, std::move(apply));
  if (!done) co_return problem(req, done.error());
  if (auto refused = refusal(req, *done)) co_return std::move(*refused);
  bj::object out{{"id", message_id}, {"outcome", core::to_string(fb.outcome)}};
  out["rating"] = fb.rating ? bj::value(*fb.rating) : bj::value(nullptr);
  co_return json(201, out, true);
}

}  // namespace

void add_track_routes(Router& r) {
  r.add({"POST", "/api/v1/track", Access::open, post_track,
         "The person's view of their referral by tracking code and PIN (no session): category, "
         "state and where to go, nothing personal; 5 wrong PINs lock the code for an hour (429)",
         "track"})
      .gives(200, "TrackView");
  r.add({"POST", "/api/v1/track/feedback", Access::open, post_track_feedback,
         "The person says what happened (got_service, turned_away, could_not_reach, other); it "
         "appears in the referral's thread and the gap report",
         "track"})
      .gives(201, "TrackFeedback");
}

}  // namespace enlace::gateway
