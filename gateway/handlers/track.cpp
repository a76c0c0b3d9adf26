// The person's own view (API.md): POST /api/v1/track and /api/v1/track/feedback, with the
// referral's tracking code and PIN and no session. The reply names the category, the state
// and where to go, nothing personal. Five wrong PINs lock a code for an hour; the check runs
// in one writer job, so parallel guesses count as sequential ones.
#include "core/field_checks.hpp"
#include "core/person_view.hpp"
#include "gateway/app.hpp"
#include "gateway/auth.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/referral_json.hpp"
#include "gateway/live_events.hpp"
#include "gateway/person_view_secrets.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"
#include "storage/audit_log.hpp"
#include "storage/referral_message_repository.hpp"
#include "storage/tracking_repository.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr std::size_t kMaxCommentChars = 2000;

struct Credentials {
  std::string code, pin;
};

struct Feedback {
  core::FeedbackOutcome outcome = core::FeedbackOutcome::other;
  std::optional<int> rating;
  std::string comment;
};

// Reads code and pin; errors already found in the body are reported with theirs.
core::Result<Credentials> read_credentials(FieldReader& f, core::FieldErrors& errors) {
  auto code = f.string("code", true, 64);
  auto pin = f.string("pin", true, 64);
  std::optional<std::string> normal;
  if (code && !(normal = core::normalize_tracking_code(*code)))
    errors.add("code", "must be the 8-character code on the slip");
  if (pin && !core::is_pin(*pin)) errors.add("pin", "must be the 6 digits on the slip");
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  return Credentials{*normal, *pin};
}

enum class Check { ok, unknown, locked };
struct Checked {
  Check check = Check::unknown;
  std::string referral_id;
  std::int64_t retry_after = 0;
};

// Writer thread. A wrong PIN and an unknown code answer alike (404): the reply never says
// which codes exist. Every attempt leaves an audit event without the code or the PIN.
Checked check_pin(storage::WriteTxn& tx, const core::AuditContext& ctx, const Credentials& c,
                  const std::string& action) {
  auto entry = storage::TrackingRepository::find(tx, c.code);
  if (!entry) {
    storage::append_audit(tx, ctx.event(action, "referral", "", "not_found"));
    return {};
  }
  if (auto wait = core::pin_lock_seconds_left(entry->locked_until, ctx.at); wait > 0) {
    storage::append_audit(tx, ctx.event(action, "referral", entry->referral_id, "locked"));
    return {Check::locked, entry->referral_id, wait};
  }
  if (!pin_matches(c.pin, entry->pin_hash)) {
    auto lock = core::after_wrong_pin(entry->failures, ctx.at);
    storage::TrackingRepository::set_lock(tx, c.code, lock);
    storage::append_audit(tx, ctx.event(action, "referral", entry->referral_id,
                                        lock.locked_until ? "locked" : "denied"));
    return {};
  }
  if (entry->failures > 0 || entry->locked_until)
    storage::TrackingRepository::set_lock(tx, c.code, core::PinLock{});
  storage::append_audit(tx, ctx.event(action, "referral", entry->referral_id));
  return {Check::ok, entry->referral_id, 0};
}

std::optional<Response> refusal(const Request& req, const Checked& c) {
  if (c.check == Check::locked) {
    auto r = problem(req, 429, "tracking-locked", "",
                     "Too many wrong PINs for this code: try again later.");
    r.set("Retry-After", std::to_string(c.retry_after));
    return r;
  }
  if (c.check == Check::unknown)
    return problem(req, 404, "not-found", "", "No referral has this code and PIN.");
  return std::nullopt;
}

core::AuditContext person_context(const Request& req) {
  auto ctx = audit_context(req);
  ctx.role = "person";
  return ctx;
}

struct Tracked {
  Checked checked;
  storage::TrackView view;
};

asio::awaitable<Response> post_track(Request& req) {
  if (auto limited = co_await limit_by_address(req)) co_return std::move(*limited);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only({"code", "pin"});
  auto creds = read_credentials(f, errors);
  if (!creds) co_return problem(req, creds.error());

  auto apply = [ctx = person_context(req), c = *creds](storage::WriteTxn& tx) -> core::Result<Tracked> {
    Tracked t{check_pin(tx, ctx, c, "referral.track"), {}};
    if (t.checked.check == Check::ok)
      t.view = storage::TrackingRepository::view(tx, t.checked.referral_id);
    return t;
  };
  auto done = co_await db_write(req.app->db, std::move(apply));
  if (!done) co_return problem(req, done.error());
  if (auto refused = refusal(req, done->checked)) co_return std::move(*refused);
  const auto& v = done->view;
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

struct Said {
  Checked checked;
  std::string message_id;
};

asio::awaitable<Response> post_track_feedback(Request& req) {
  if (auto limited = co_await limit_by_address(req)) co_return std::move(*limited);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only({"code", "pin", "outcome", "rating", "comment"});
  Feedback fb;
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

  auto apply = [ctx = person_context(req), c = *creds, fb, message_id = new_id(req.now),
                feedback_id = new_id(req.now), &hub = req.app->events](storage::WriteTxn& tx) -> core::Result<Said> {
    Said s{check_pin(tx, ctx, c, "referral.track_feedback"), message_id};
    if (s.checked.check != Check::ok) return s;
    const auto& id = s.checked.referral_id;
    // The person's word in the thread both sides read; its comment is sealed like any message.
    (void)storage::ReferralMessageRepository::insert_from_person(tx, message_id, id, fb.comment,
                                                                  ctx.at);
    storage::TrackingRepository::add_feedback(tx, feedback_id, id, fb.outcome, fb.rating,
                                              message_id, ctx.at);
    storage::append_audit(tx, ctx.event("referral.message", "referral_message", message_id));
    auto v = storage::TrackingRepository::view(tx, id);
    auto status = core::parse_status(v.status).value_or(core::Status::requested);
    record_live_event(tx, hub, {"referral.message", id, v.from_org, v.to_org, status, v.version},
                      ctx.at);
    return s;
  };
  auto done = co_await db_write(req.app->db, std::move(apply));
  if (!done) co_return problem(req, done.error());
  if (auto refused = refusal(req, done->checked)) co_return std::move(*refused);
  bj::object out{{"id", done->message_id}, {"outcome", core::to_string(fb.outcome)}};
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
