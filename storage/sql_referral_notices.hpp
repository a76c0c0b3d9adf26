// The referral notices over SQL (core/ports/referral_notices.hpp), inside the write of the
// change: the tracking code and respond link of a referral just sent, the respond link's mail,
// and the live event with the mails it calls for, queued in the same transaction (a
// rolled-back change leaves none). What is the gateway's comes through core ports: the secrets
// (drawn and hashed there) and the event hub, which hears the event after COMMIT on SQLite.
// Serves SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/notice_secrets.hpp"
#include "core/ports/referral_notices.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlReferralNotices final : public core::ReferralNotices {
 public:
  // `queue_mails`: false where no e-mail is set up (nothing is queued then: a deployment
  // without e-mail does not pile up mails it will never send).
  SqlReferralNotices(WriteTxn& tx, core::NoticeSecrets& secrets, core::LiveEventHub& hub,
                     bool queue_mails)
      : tx_(tx), secrets_(secrets), hub_(hub), queue_mails_(queue_mails) {}

  // The respond link of an external receiver (mailed to its address, when on file) and the
  // tracking code and PIN. A code already taken is drawn again (the PIN and its hash stay).
  core::IssuedTracking referral_sent(const std::string& referral_id,
                                     core::Timestamp now) override;
  std::optional<std::string> new_respond_link(const std::string& referral_id,
                                              core::Timestamp now) override;
  // The live event's data is {"referral_id","status","version"} (no personal data). On
  // PostgreSQL every process, this one included, hears it from the database feed instead
  // (storage/database_feed.hpp), in id order.
  void referral_changed(const core::ReferralEvent& event, core::Timestamp now,
                        const std::string& actor_user) override;

 private:
  std::optional<std::string> respond_link(const std::string& referral_id, bool mail,
                                          core::Timestamp now);

  WriteTxn& tx_;
  core::NoticeSecrets& secrets_;
  core::LiveEventHub& hub_;
  bool queue_mails_;
};

}  // namespace enlace::storage
