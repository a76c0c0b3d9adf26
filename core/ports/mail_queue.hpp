// What the e-mail outbox's use cases (core/use_cases/mail_delivery.hpp) read and write: the
// mails a referral event calls for, queued in the transaction of the change, the daily
// digests, and the sender's claims and outcomes. A row holds ids, codes and states, never a
// body or a personal field. The SQL adapters (SQLite and PostgreSQL alike) are
// storage/sql_mail_queue.hpp; the SMTP client stays in the gateway.
#pragma once

#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// One live event of a referral, as the outbox needs it (core/mail_event.hpp makes it).
struct MailEvent {
  std::string type;  // referral.created | .updated | .message | .overdue
  std::string referral_id;
  std::string status;         // the state the referral reached
  bool receiver_sees = true;  // false for a draft: only the sender may hear of it
  std::string actor_user_id;  // who caused it: never mailed about their own action
};

// A queued mail with what its text is made from (codes and organisation names only).
struct MailToSend {
  std::int64_t id = 0;
  std::string user_id, email, language, event, status, detail;
  std::string category, urgency, organization;  // empty for a digest
  std::optional<Timestamp> deadline;
  int attempts = 0;
  std::optional<Timestamp> first_failed_at;
  Timestamp created_at{};
  bool deliverable = true;  // false: the account was deactivated or its address removed
  // A respond link's token (event "referral.respond_link", to an external organisation's
  // address): the mail carries public_url + "/respond/" + token.
  std::string link_token;
};

// Bound to one write transaction.
class MailQueue {
 public:
  virtual ~MailQueue() = default;
  // Queues the mails `e` calls for, for every user whose choices (or role defaults) ask for
  // it now, and the digest entries of those who chose `daily`. Returns the mails queued.
  virtual int queue_event_mails(const MailEvent& e, Timestamp now) = 0;
  // Queues a respond link to the external receiving organisation's address.
  virtual void queue_respond_link(const std::string& referral_id,
                                  const std::string& organization_id, const std::string& token,
                                  Timestamp now) = 0;
  // Turns the daily entries of before `day_start` into one digest mail per user (unless they
  // turned the digest off), labelled with `day`; returns how many were queued.
  virtual int queue_digests(Timestamp day_start, const std::string& day, Timestamp now) = 0;
  virtual void mark_sent(std::int64_t id, Timestamp now) = 0;
  // A failed try: queued again at `retry_at`, or failed for good without one.
  virtual void mark_attempt_failed(std::int64_t id, const std::string& error,
                                   std::optional<Timestamp> retry_at, Timestamp now) = 0;
};

// Bound to one read snapshot.
class DueMailReader {
 public:
  virtual ~DueMailReader() = default;
  // Up to `limit` queued mails due at `now`, in the order they fell due.
  virtual std::vector<MailToSend> due_mails(Timestamp now, int limit) = 0;
};

}  // namespace enlace::core
