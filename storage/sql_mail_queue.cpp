// The e-mail outbox's ports over SQL: see sql_mail_queue.hpp.
#include "storage/sql_mail_queue.hpp"

#include "storage/mail_outbox_repository.hpp"

namespace enlace::storage {

int SqlMailQueue::queue_event_mails(const core::MailEvent& e, core::Timestamp now) {
  return MailOutboxRepository::queue_for_event(tx_, e, now);
}

void SqlMailQueue::queue_respond_link(const std::string& referral_id,
                                      const std::string& organization_id,
                                      const std::string& token, core::Timestamp now) {
  MailOutboxRepository::queue_respond_link(tx_, referral_id, organization_id, token, now);
}

int SqlMailQueue::queue_digests(core::Timestamp day_start, const std::string& day,
                                core::Timestamp now) {
  return MailOutboxRepository::queue_digests(tx_, day_start, day, now);
}

void SqlMailQueue::mark_sent(std::int64_t id, core::Timestamp now) {
  MailOutboxRepository::mark_sent(tx_, id, now);
}

void SqlMailQueue::mark_attempt_failed(std::int64_t id, const std::string& error,
                                       std::optional<core::Timestamp> retry_at,
                                       core::Timestamp now) {
  MailOutboxRepository::mark_attempt_failed(tx_, id, error, retry_at, now);
}

std::vector<core::MailToSend> SqlDueMailReader::due_mails(core::Timestamp now, int limit) {
  return MailOutboxRepository::due(tx_, now, limit);
}

}  // namespace enlace::storage
