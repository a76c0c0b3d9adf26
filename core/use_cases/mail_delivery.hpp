// The e-mail outbox's delivery (API.md, Notifications), as the sender thread
// (gateway/mail_sender.cpp) runs it: it reads the due mails, sends each through SMTP itself,
// and hands the outcome here, which decides what becomes of the mail (sent, tried again on
// core/delivery_retry.hpp's schedule, or failed for good). After each UTC midnight the day's
// daily entries become digests. The clock is the caller's: tests move it.
#pragma once

#include "core/ports/mail_queue.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// Up to `limit` mails due at `now` (a read snapshot), in the order they fell due.
Result<std::vector<MailToSend>> due_mails(DueMailReader& reader, Timestamp now, int limit);

// Why `m` is not to be sent at all (the account was deactivated or its address removed), or
// nullopt when it may be.
std::optional<std::string> undeliverable(const MailToSend& m);

struct MailOutcome {
  enum class Kind { sent, retry, failed };
  Kind kind = Kind::sent;
  std::optional<Timestamp> retry_at;  // set for `retry`
};

// What becomes of `m` after the try that ended at `at`: sent when `error` is empty, else tried
// again later (the wait grows with the failed tries; `jitter` in [0, 1) spreads mails failing
// together), or failed for good once 72 h of failures passed, or at once when it was
// undeliverable. Decides only: record_mail_attempt stores it.
MailOutcome mail_attempt_outcome(const MailToSend& m, const std::optional<std::string>& error,
                                 Timestamp at, double jitter);

// Records that try as mail_attempt_outcome decides, and returns the outcome.
Result<MailOutcome> record_mail_attempt(MailQueue& queue, const MailToSend& m,
                                        const std::optional<std::string>& error, Timestamp at,
                                        double jitter);

// Turns the daily entries of the UTC days before `now`'s into digests labelled with the day
// before `now`'s. Returns how many were queued.
Result<int> queue_daily_digests(MailQueue& queue, Timestamp now);

}  // namespace enlace::core
