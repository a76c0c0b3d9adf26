// E-mail notifications: see notifications.hpp.
#include "core/use_cases/notifications.hpp"

namespace enlace::core {

Result<MailChoices> read_notification_prefs(NotificationReader& reader, const Actor& actor) {
  return mail_modes_shown(reader.mail_choices(actor.user_id), actor.roles);
}

Result<MailChoices> choose_notifications(const NotificationPorts& ports, const Actor& actor,
                                         const MailChoices& chosen) {
  ports.store.replace_mail_choices(actor.user_id, chosen);
  ports.audit.record("user.notifications", "user", actor.user_id);
  return mail_modes_shown(chosen, actor.roles);
}

Result<std::vector<MailQueueRow>> list_mail_queue(NotificationReader& reader, const Actor& actor,
                                                  const MailQueueQuery& query) {
  if (!actor.has(Role::system_admin)) return Error::forbidden();
  return reader.mail_queue(query);
}

}  // namespace enlace::core
