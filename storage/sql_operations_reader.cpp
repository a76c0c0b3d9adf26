// The operations port over SQL: see sql_operations_reader.hpp.
#include "storage/sql_operations_reader.hpp"

#include "storage/category_repository.hpp"
#include "storage/mail_outbox_repository.hpp"
#include "storage/referral_repository.hpp"
#include "storage/webhook_repository.hpp"

namespace enlace::storage {

void SqlOperationsReader::probe() { CategoryRepository::probe(tx_); }

core::Backlog SqlOperationsReader::backlog(core::Timestamp now) {
  core::Backlog b;
  b.overdue_referrals = ReferralRepository::count_overdue(tx_, now);
  auto mail = MailOutboxRepository::stats(tx_);
  b.mail = {mail.queued, mail.oldest_queued};
  auto hooks = WebhookRepository::queue_stats(tx_);
  b.webhooks = {hooks.queued, hooks.oldest_queued_at};
  return b;
}

}  // namespace enlace::storage
