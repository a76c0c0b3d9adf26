// The e-mail outbox's ports over SQL (core/ports/mail_queue.hpp): the queue over one write
// transaction, the due mails over one read snapshot. Thin MailOutboxRepository calls. Serves
// SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/mail_queue.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlMailQueue final : public core::MailQueue {
 public:
  explicit SqlMailQueue(WriteTxn& tx) : tx_(tx) {}
  int queue_event_mails(const core::MailEvent& e, core::Timestamp now) override;
  void queue_respond_link(const std::string& referral_id, const std::string& organization_id,
                          const std::string& token, core::Timestamp now) override;
  int queue_digests(core::Timestamp day_start, const std::string& day,
                    core::Timestamp now) override;
  void mark_sent(std::int64_t id, core::Timestamp now) override;
  void mark_attempt_failed(std::int64_t id, const std::string& error,
                           std::optional<core::Timestamp> retry_at, core::Timestamp now) override;

 private:
  WriteTxn& tx_;
};

class SqlDueMailReader final : public core::DueMailReader {
 public:
  explicit SqlDueMailReader(ReadTxn& tx) : tx_(tx) {}
  std::vector<core::MailToSend> due_mails(core::Timestamp now, int limit) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
