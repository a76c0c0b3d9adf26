// The notification ports over SQL: see sql_notification_store.hpp.
#include "storage/sql_notification_store.hpp"

#include "storage/mail_outbox_repository.hpp"
#include "storage/notification_pref_repository.hpp"

namespace enlace::storage {

void SqlNotificationStore::replace_mail_choices(const std::string& user_id,
                                                const core::MailChoices& chosen) {
  NotificationPrefRepository::replace(tx_, user_id, chosen);
}

core::MailChoices SqlNotificationReader::mail_choices(const std::string& user_id) {
  return NotificationPrefRepository::choices(tx_, user_id);
}

std::vector<core::MailQueueRow> SqlNotificationReader::mail_queue(const core::MailQueueQuery& q) {
  return MailOutboxRepository::list(tx_, q.state, q.before_id, q.limit);
}

}  // namespace enlace::storage
