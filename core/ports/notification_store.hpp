// What the notification use cases read and write (core/use_cases/notifications.hpp): a user's
// e-mail choices, and the mail queue as the system admin sees it (states and ids, never a
// body). The SQL adapters (SQLite and PostgreSQL alike) are storage/sql_notification_store.hpp.
#pragma once

#include "core/notification_prefs.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// One mail of the queue: who and what it is about, never its text.
struct MailQueueRow {
  std::int64_t id = 0;
  std::string user_id, event, state;
  int attempts = 0;
  std::optional<std::string> last_error;
  Timestamp created_at{};
  std::optional<Timestamp> sent_at;
  // A respond link's mail goes to an external organisation's address, not to a user.
  std::optional<std::string> organization_id;
};

// A page of the queue: newest first; `state` empty for all; ids below `before_id` (0: from the
// newest); `limit` rows.
struct MailQueueQuery {
  std::string state;
  std::int64_t before_id = 0;
  int limit = 0;
};

// Bound to one write transaction.
class NotificationStore {
 public:
  virtual ~NotificationStore() = default;
  // Replaces every choice of the user (a key left out goes back to its default).
  virtual void replace_mail_choices(const std::string& user_id, const MailChoices& chosen) = 0;
};

// Bound to one read snapshot.
class NotificationReader {
 public:
  virtual ~NotificationReader() = default;
  virtual MailChoices mail_choices(const std::string& user_id) = 0;
  virtual std::vector<MailQueueRow> mail_queue(const MailQueueQuery& q) = 0;
};

}  // namespace enlace::core
