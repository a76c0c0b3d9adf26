// The units of work over SQL (core/ports/units_of_work.hpp): SqlWriteUnit over one write
// transaction (a job's SAVEPOINT in the writer's batch, a quick write, a command's own
// transaction), SqlReadUnit over one read snapshot. Each adapter is made on first use, so a job
// pays for the ports it uses only; those made with arguments live in lists, whose elements never
// move (the references handed out hold) and which allocate nothing until used. Serves SQLite and
// PostgreSQL alike.
#pragma once

#include "core/ports/units_of_work.hpp"
#include "storage/sql_account_store.hpp"
#include "storage/sql_audit_log_reader.hpp"
#include "storage/sql_audit_trail.hpp"
#include "storage/sql_case_store.hpp"
#include "storage/sql_directory_store.hpp"
#include "storage/sql_follow_up_store.hpp"
#include "storage/sql_gap_report_reader.hpp"
#include "storage/sql_idempotency_store.hpp"
#include "storage/sql_live_event_reader.hpp"
#include "storage/sql_mail_queue.hpp"
#include "storage/sql_notification_store.hpp"
#include "storage/sql_operations_reader.hpp"
#include "storage/sql_referral_notices.hpp"
#include "storage/sql_referral_store.hpp"
#include "storage/sql_session_store.hpp"
#include "storage/sql_settings_store.hpp"
#include "storage/sql_shared_limits.hpp"
#include "storage/sql_tracking_store.hpp"
#include "storage/sql_webhook_outbox.hpp"
#include "storage/sql_webhook_store.hpp"
#include "storage/txn.hpp"

#include <list>
#include <optional>

namespace enlace::storage {

class SqlWriteUnit final : public core::WriteUnit {
 public:
  explicit SqlWriteUnit(WriteTxn& tx) : tx_(tx) {}
  SqlWriteUnit(const SqlWriteUnit&) = delete;
  SqlWriteUnit& operator=(const SqlWriteUnit&) = delete;

  core::CaseStore& cases() override { return made(cases_); }
  core::ReferralStore& referrals() override { return made(referrals_); }
  core::TrackingStore& tracking() override { return made(tracking_); }
  core::AccountStore& accounts() override { return made(accounts_); }
  core::DirectoryStore& directory() override { return made(directory_); }
  core::SettingsStore& settings() override { return made(settings_); }
  core::NotificationStore& notifications() override { return made(notifications_); }
  core::WebhookStore& webhooks() override { return made(webhooks_); }
  core::FollowUpStore& follow_ups() override { return made(follow_ups_); }
  core::MailQueue& mail_queue() override { return made(mail_queue_); }
  core::WebhookOutbox& webhook_outbox() override { return made(webhook_outbox_); }
  core::IdempotencyStore& idempotency() override { return made(idempotency_); }
  core::FailureCountStore& failure_counts() override { return made(failure_counts_); }
  core::RateBuckets& rate_buckets() override { return made(rate_buckets_); }
  core::SessionUses& session_uses() override { return made(session_uses_); }
  core::SessionEndings& session_endings() override { return made(session_endings_); }
  core::SessionEndings& session_endings(core::SessionStreams& streams) override {
    return told_endings_.emplace_back(tx_, streams);
  }
  core::AuditTrail& audit(const core::AuditContext& origin) override {
    return trails_.emplace_back(tx_, origin);
  }
  core::SystemAuditTrail& system_audit(core::Timestamp at, std::string actor_user) override {
    return system_trails_.emplace_back(tx_, at, std::move(actor_user));
  }
  core::ReferralNotices& referral_notices(core::NoticeSecrets& secrets, core::LiveEventHub& hub,
                                          bool queue_mails) override {
    return notices_.emplace_back(tx_, secrets, hub, queue_mails);
  }
  void after_commit(std::function<void()> fn) override { tx_.after_commit(std::move(fn)); }

 private:
  template <class Adapter>
  Adapter& made(std::optional<Adapter>& adapter) {
    if (!adapter) adapter.emplace(tx_);
    return *adapter;
  }

  WriteTxn& tx_;
  std::optional<SqlCaseStore> cases_;
  std::optional<SqlReferralStore> referrals_;
  std::optional<SqlTrackingStore> tracking_;
  std::optional<SqlAccountStore> accounts_;
  std::optional<SqlDirectoryStore> directory_;
  std::optional<SqlSettingsStore> settings_;
  std::optional<SqlNotificationStore> notifications_;
  std::optional<SqlWebhookStore> webhooks_;
  std::optional<SqlFollowUpStore> follow_ups_;
  std::optional<SqlMailQueue> mail_queue_;
  std::optional<SqlWebhookOutbox> webhook_outbox_;
  std::optional<SqlIdempotencyStore> idempotency_;
  std::optional<SqlFailureCountStore> failure_counts_;
  std::optional<SqlRateBuckets> rate_buckets_;
  std::optional<SqlSessionUses> session_uses_;
  std::optional<SqlSessionEndings> session_endings_;
  std::list<SqlSessionEndings> told_endings_;
  std::list<SqlAuditTrail> trails_;
  std::list<SqlSystemAuditTrail> system_trails_;
  std::list<SqlReferralNotices> notices_;
};

class SqlReadUnit final : public core::ReadUnit {
 public:
  explicit SqlReadUnit(ReadTxn& tx) : tx_(tx) {}
  SqlReadUnit(const SqlReadUnit&) = delete;
  SqlReadUnit& operator=(const SqlReadUnit&) = delete;

  core::CaseReader& cases() override { return made(cases_); }
  core::ReferralReader& referrals() override { return made(referrals_); }
  core::SendingReads& sending() override { return made(sending_); }
  core::GapReportReader& gap_report() override { return made(gap_report_); }
  core::AuditLogReader& audit_log() override { return made(audit_log_); }
  core::LiveEventReader& live_events() override { return made(live_events_); }
  core::OperationsReader& operations() override { return made(operations_); }
  core::AccountReader& accounts() override { return made(accounts_); }
  core::SessionReader& sessions() override { return made(sessions_); }
  core::DirectoryReader& directory() override { return made(directory_); }
  core::SettingsReader& settings() override { return made(settings_); }
  core::NotificationReader& notifications() override { return made(notifications_); }
  core::WebhookReader& webhooks() override { return made(webhooks_); }
  core::IdempotencyReader& idempotency() override { return made(idempotency_); }
  core::FailureCountReader& failure_counts() override { return made(failure_counts_); }
  core::DueMailReader& due_mail() override { return made(due_mail_); }
  core::WebhookOutboxReader& webhook_outbox() override { return made(webhook_outbox_); }

 private:
  template <class Adapter>
  Adapter& made(std::optional<Adapter>& adapter) {
    if (!adapter) adapter.emplace(tx_);
    return *adapter;
  }

  ReadTxn& tx_;
  std::optional<SqlCaseReader> cases_;
  std::optional<SqlReferralReader> referrals_;
  std::optional<SqlSendingReads> sending_;
  std::optional<SqlGapReportReader> gap_report_;
  std::optional<SqlAuditLogReader> audit_log_;
  std::optional<SqlLiveEventReader> live_events_;
  std::optional<SqlOperationsReader> operations_;
  std::optional<SqlAccountReader> accounts_;
  std::optional<SqlSessionReader> sessions_;
  std::optional<SqlDirectoryReader> directory_;
  std::optional<SqlSettingsReader> settings_;
  std::optional<SqlNotificationReader> notifications_;
  std::optional<SqlWebhookReader> webhooks_;
  std::optional<SqlIdempotencyReader> idempotency_;
  std::optional<SqlFailureCountReader> failure_counts_;
  std::optional<SqlDueMailReader> due_mail_;
  std::optional<SqlWebhookOutboxReader> webhook_outbox_;
};

}  // namespace enlace::storage
