// The webhook dispatcher's ports over SQL (core/ports/webhook_outbox.hpp): the outbox over one
// write transaction, the waiting events and due deliveries over one read snapshot. Thin
// WebhookRepository calls. Serves SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/webhook_outbox.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlWebhookOutbox final : public core::WebhookOutbox {
 public:
  explicit SqlWebhookOutbox(WriteTxn& tx) : tx_(tx) {}
  std::size_t fan_out(const core::WebhookFanOut& make, core::Timestamp now, int limit) override;
  void record_success(const core::DueWebhookDelivery& d, int status,
                      core::Timestamp now) override;
  core::WebhookFailure record_failure(const core::DueWebhookDelivery& d,
                                      std::optional<int> status, const std::string& error,
                                      core::Timestamp now,
                                      std::optional<core::Timestamp> next) override;

 private:
  WriteTxn& tx_;
};

class SqlWebhookOutboxReader final : public core::WebhookOutboxReader {
 public:
  explicit SqlWebhookOutboxReader(ReadTxn& tx) : tx_(tx) {}
  bool has_new_events() override;
  std::vector<core::DueWebhookDelivery> due_deliveries(core::Timestamp now, int limit) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
