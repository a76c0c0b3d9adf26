// The notification use cases' ports over SQL (core/ports/notification_store.hpp): the store
// over one write transaction, the reader over one read snapshot. Thin:
// NotificationPrefRepository and MailOutboxRepository calls. Serves SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/notification_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlNotificationStore final : public core::NotificationStore {
 public:
  explicit SqlNotificationStore(WriteTxn& tx) : tx_(tx) {}
  void replace_mail_choices(const std::string& user_id, const core::MailChoices& chosen) override;

 private:
  WriteTxn& tx_;
};

class SqlNotificationReader final : public core::NotificationReader {
 public:
  explicit SqlNotificationReader(ReadTxn& tx) : tx_(tx) {}
  core::MailChoices mail_choices(const std::string& user_id) override;
  std::vector<core::MailQueueRow> mail_queue(const core::MailQueueQuery& q) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
