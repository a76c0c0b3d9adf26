// The webhook use cases' ports over SQL (core/ports/webhook_store.hpp): the store over one
// write transaction, the reader over one read snapshot. Thin: WebhookRepository calls, scoped
// by the organisation in SQL. Serves SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/webhook_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlWebhookStore final : public core::WebhookStore {
 public:
  explicit SqlWebhookStore(WriteTxn& tx) : tx_(tx) {}
  std::int64_t count_webhooks(const std::string& organization_id) override;
  core::WebhookRecord insert_webhook(const std::string& organization_id,
                                     const core::WebhookDraft& d, const std::string& created_by,
                                     core::Timestamp now) override;
  core::Result<bool> remove_webhook(const std::string& organization_id,
                                    const std::string& webhook_id) override;

 private:
  WriteTxn& tx_;
};

class SqlWebhookReader final : public core::WebhookReader {
 public:
  explicit SqlWebhookReader(ReadTxn& tx) : tx_(tx) {}
  bool organization_exists(const std::string& organization_id) override;
  std::vector<core::WebhookRecord> webhooks(const std::string& organization_id) override;
  core::Result<std::vector<core::WebhookDeliveryRecord>> webhook_deliveries(
      const std::string& organization_id, const std::string& webhook_id) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
