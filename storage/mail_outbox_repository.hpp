// The e-mail outbox: mails queued in the transaction of the change they report, taken by the
// sender thread when due, marked sent only after the SMTP server accepted them. A row holds
// ids, codes and states, never a body or a personal field.
#pragma once

#include "core/ports/mail_queue.hpp"
#include "core/ports/notification_store.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

// In core's words (core/ports/mail_queue.hpp), since the outbox's use cases speak them.
using MailEvent = core::MailEvent;
using MailToSend = core::MailToSend;

// A row of GET /admin/mail.
using MailQueueRow = core::MailQueueRow;  // core/ports/notification_store.hpp

struct MailQueueStats {
  std::int64_t queued = 0;
  std::optional<core::Timestamp> oldest_queued;
};

class MailOutboxRepository {
 public:
  // Queues the mails `e` calls for, for every user whose choices (or role defaults) ask for
  // it now, and the digest entries of those who chose `daily`. Returns the mails queued.
  static int queue_for_event(WriteTxn& tx, const MailEvent& e, core::Timestamp now);
  // Queues the respond link of a referral to its external receiving organisation's address.
  // The token stays in the row (sealed under the field key) only until the mail is sent or
  // given up.
  static void queue_respond_link(WriteTxn& tx, const std::string& referral_id,
                                 const std::string& organization_id, const std::string& token,
                                 core::Timestamp now);
  // Turns the daily entries of before `day_start` into one digest mail per user (unless they
  // turned the digest off), labelled with `day`; returns how many were queued.
  static int queue_digests(WriteTxn& tx, core::Timestamp day_start, const std::string& day,
                           core::Timestamp now);
  static std::vector<MailToSend> due(ReadTxn& tx, core::Timestamp now, int limit);
  static void mark_sent(WriteTxn& tx, std::int64_t id, core::Timestamp now);
  // A failed try: queued again at `retry_at`, or failed for good without one.
  static void mark_attempt_failed(WriteTxn& tx, std::int64_t id, const std::string& error,
                                  std::optional<core::Timestamp> retry_at, core::Timestamp now);
  // Newest first; `state` empty for all; ids below `before_id` (0: from the newest).
  static std::vector<MailQueueRow> list(ReadTxn& tx, const std::string& state,
                                        std::int64_t before_id, int limit);
  static MailQueueStats stats(ReadTxn& tx);
};

}  // namespace enlace::storage
