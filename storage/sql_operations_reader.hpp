// The operations port over SQL (core/ports/operations_reader.hpp), over one read snapshot.
// Each figure is one COUNT over a partial index (referral_due, mail_outbox_due,
// webhook_delivery_due): it costs what waits, not what the tables hold. Serves SQLite and
// PostgreSQL alike.
#pragma once

#include "core/ports/operations_reader.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlOperationsReader final : public core::OperationsReader {
 public:
  explicit SqlOperationsReader(ReadTxn& tx) : tx_(tx) {}
  void probe() override;
  core::Backlog backlog(core::Timestamp now) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
