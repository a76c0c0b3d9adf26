// The referral notices over SQL: see sql_referral_notices.hpp.
#include "storage/sql_referral_notices.hpp"

#include "core/mail_event.hpp"
#include "storage/json_text.hpp"
#include "storage/live_event_repository.hpp"
#include "storage/sql_mail_queue.hpp"
#include "storage/respond_link_repository.hpp"
#include "storage/tracking_repository.hpp"

namespace enlace::storage {

namespace {

// {"referral_id","status","version"}: all a live event says.
std::string referral_event_data(const core::ReferralEvent& r) {
  return "{\"referral_id\":" + json_quote(r.referral_id) +
         ",\"status\":" + json_quote(core::to_string(r.status)) +
         ",\"version\":" + std::to_string(r.version) + "}";
}

}  // namespace

core::IssuedTracking SqlReferralNotices::referral_sent(const std::string& referral_id,
                                                       core::Timestamp now) {
  (void)respond_link(referral_id, true, now);
  auto drawn = secrets_.draw_tracking();
  core::IssuedTracking t = std::move(drawn.tracking);
  // 2^40 codes: a collision is rare, and then another code is drawn.
  while (!TrackingRepository::insert(tx_, referral_id, t.code, drawn.pin_hash))
    t.code = secrets_.new_tracking_code();
  return t;
}

std::optional<std::string> SqlReferralNotices::new_respond_link(const std::string& referral_id,
                                                                core::Timestamp now) {
  return respond_link(referral_id, false, now);
}

std::optional<std::string> SqlReferralNotices::respond_link(const std::string& referral_id,
                                                            bool mail, core::Timestamp now) {
  auto receiver = RespondLinkRepository::external_receiver(tx_, referral_id);
  if (!receiver) return std::nullopt;
  auto link = secrets_.draw_respond_link();
  RespondLinkRepository::replace(tx_, referral_id, receiver->organization_id, link.token_hash,
                                 now);
  if (mail && queue_mails_ && receiver->email && !receiver->email->empty())
    SqlMailQueue(tx_).queue_respond_link(referral_id, receiver->organization_id, link.token, now);
  return std::move(link.token);
}

void SqlReferralNotices::referral_changed(const core::ReferralEvent& r, core::Timestamp now,
                                          const std::string& actor_user) {
  if (queue_mails_) {
    if (auto mail = core::mail_event_of(r, actor_user)) SqlMailQueue(tx_).queue_event_mails(*mail, now);
  }
  core::LiveEventRecord e;
  e.data = referral_event_data(r);
  e.id = LiveEventRepository::insert(tx_, r.sender, r.receiver, r.type, e.data, now);
  e.at = now;
  e.sender = r.sender;
  e.receiver = r.receiver;
  e.type = r.type;
  // Where several processes share the database, every process (this one included) hears the
  // event from the database feed, in id order (storage/database_feed.hpp).
  if (LiveEventRepository::heard_from_feed(tx_)) return;
  hub_.publish_on_commit(std::move(e));
}

}  // namespace enlace::storage
