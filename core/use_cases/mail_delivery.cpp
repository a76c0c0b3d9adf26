// The e-mail outbox's delivery: see mail_delivery.hpp.
#include "core/use_cases/mail_delivery.hpp"

#include "core/delivery_retry.hpp"

namespace enlace::core {

Result<std::vector<MailToSend>> due_mails(DueMailReader& reader, Timestamp now, int limit) {
  return reader.due_mails(now, limit);
}

std::optional<std::string> undeliverable(const MailToSend& m) {
  if (m.deliverable) return std::nullopt;
  return "the account has no e-mail address or is deactivated";
}

MailOutcome mail_attempt_outcome(const MailToSend& m, const std::optional<std::string>& error,
                                 Timestamp at, double jitter) {
  if (!error) return {MailOutcome::Kind::sent, std::nullopt};
  // An undeliverable mail would fail the same way every time: it is not tried again.
  if (!m.deliverable) return {MailOutcome::Kind::failed, std::nullopt};
  auto retry_at =
      next_delivery_attempt(m.attempts + 1, m.first_failed_at.value_or(at), at, jitter);
  if (!retry_at) return {MailOutcome::Kind::failed, std::nullopt};
  return {MailOutcome::Kind::retry, retry_at};
}

Result<MailOutcome> record_mail_attempt(MailQueue& queue, const MailToSend& m,
                                        const std::optional<std::string>& error, Timestamp at,
                                        double jitter) {
  auto outcome = mail_attempt_outcome(m, error, at, jitter);
  if (outcome.kind == MailOutcome::Kind::sent)
    queue.mark_sent(m.id, at);
  else
    queue.mark_attempt_failed(m.id, *error, outcome.retry_at, at);
  return outcome;
}

Result<int> queue_daily_digests(MailQueue& queue, Timestamp now) {
  const Date today = date_of(now);
  const Timestamp day_start{std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::sys_time<std::chrono::days>(today))};
  return queue.queue_digests(day_start, format_date(today - std::chrono::days(1)), now);
}

}  // namespace enlace::core
