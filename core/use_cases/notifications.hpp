// E-mail notifications (API.md, Notifications): a signed-in user reads and chooses their own
// (GET/PUT /me/notifications; choosing leaves "user.notifications" on the user), and the system
// admin reads the mail queue (GET /admin/mail: states and ids, never a body).
#pragma once

#include "core/notification_prefs.hpp"
#include "core/ports/audit_trail.hpp"
#include "core/ports/notification_store.hpp"
#include "core/result.hpp"
#include "core/role.hpp"

#include <vector>

namespace enlace::core {

struct NotificationPorts {
  NotificationStore& store;
  AuditTrail& audit;
};

// The actor's notifications as shown: every key, chosen or their roles' default.
Result<MailChoices> read_notification_prefs(NotificationReader& reader, const Actor& actor);

// Replaces the actor's choices with `chosen` (keys and modes already checked); returns them as
// shown.
Result<MailChoices> choose_notifications(const NotificationPorts& ports, const Actor& actor,
                                         const MailChoices& chosen);

// A page of the mail queue (query.limit rows): forbidden but to a system_admin.
Result<std::vector<MailQueueRow>> list_mail_queue(NotificationReader& reader, const Actor& actor,
                                                  const MailQueueQuery& query);

}  // namespace enlace::core
