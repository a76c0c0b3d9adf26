// Units of work: the ports of one write transaction, or the readers of one read snapshot, as
// the gateway's jobs receive them (never a transaction). Storage implements both
// (storage/sql_units.hpp) and runs the jobs: a write unit's job on the single writer, inside
// its group commit, a read unit's on the read pool. Each port is made on first use and stays
// valid for the job; a second call in the same job gives the same object. A port that takes
// arguments (an audit trail for an origin, the referral notices with the gateway's pieces) is
// made on each call, and every one made stays valid for the job.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/account_store.hpp"
#include "core/ports/audit_log_reader.hpp"
#include "core/ports/audit_trail.hpp"
#include "core/ports/case_store.hpp"
#include "core/ports/directory_store.hpp"
#include "core/ports/follow_up_store.hpp"
#include "core/ports/gap_report_reader.hpp"
#include "core/ports/idempotency_store.hpp"
#include "core/ports/live_event_reader.hpp"
#include "core/ports/mail_queue.hpp"
#include "core/ports/notice_secrets.hpp"
#include "core/ports/notification_store.hpp"
#include "core/ports/operations_reader.hpp"
#include "core/ports/referral_notices.hpp"
#include "core/ports/referral_store.hpp"
#include "core/ports/session_store.hpp"
#include "core/ports/settings_store.hpp"
#include "core/ports/shared_limits.hpp"
#include "core/ports/tracking_store.hpp"
#include "core/ports/webhook_outbox.hpp"
#include "core/ports/webhook_store.hpp"
#include "core/referral_record.hpp"
#include "core/time.hpp"

#include <functional>
#include <string>

namespace enlace::core {

// One write transaction's ports: everything they write commits or rolls back together.
class WriteUnit {
 public:
  virtual ~WriteUnit() = default;

  virtual CaseStore& cases() = 0;
  virtual ReferralStore& referrals() = 0;
  virtual TrackingStore& tracking() = 0;
  virtual AccountStore& accounts() = 0;
  virtual DirectoryStore& directory() = 0;
  virtual SettingsStore& settings() = 0;
  virtual NotificationStore& notifications() = 0;
  virtual WebhookStore& webhooks() = 0;
  virtual FollowUpStore& follow_ups() = 0;
  virtual MailQueue& mail_queue() = 0;
  virtual WebhookOutbox& webhook_outbox() = 0;
  virtual IdempotencyStore& idempotency() = 0;
  virtual FailureCountStore& failure_counts() = 0;
  virtual RateBuckets& rate_buckets() = 0;
  virtual SessionUses& session_uses() = 0;
  // Ends the session rows only (a command, which serves no event streams).
  virtual SessionEndings& session_endings() = 0;
  // Ends the rows, then tells `streams` once the transaction committed (after_commit);
  // `streams` must outlive the writer's batch.
  virtual SessionEndings& session_endings(SessionStreams& streams) = 0;

  // The audit chain as `origin` says (who, from where, when).
  virtual AuditTrail& audit(const AuditContext& origin) = 0;
  // The audit chain as the system at `at`; `actor_user` as SystemAuditTrail's adapter says.
  virtual SystemAuditTrail& system_audit(Timestamp at,
                                         std::string actor_user = std::string(kSystemActor)) = 0;
  // The referral notices with the caller's secrets and event hub, which must outlive the job;
  // `queue_mails`: false where no e-mail is set up.
  virtual ReferralNotices& referral_notices(NoticeSecrets& secrets, LiveEventHub& hub,
                                            bool queue_mails) = 0;

  // Runs `fn` once the transaction committed (on the writer: in commit order across jobs,
  // before any job of the batch completes); dropped on a rollback. Only a unit the writer
  // runs has this: elsewhere it throws std::logic_error.
  virtual void after_commit(std::function<void()> fn) = 0;
};

// One read snapshot's readers: every reader of a job sees the same snapshot.
class ReadUnit {
 public:
  virtual ~ReadUnit() = default;

  virtual CaseReader& cases() = 0;
  virtual ReferralReader& referrals() = 0;
  virtual SendingReads& sending() = 0;
  virtual GapReportReader& gap_report() = 0;
  virtual AuditLogReader& audit_log() = 0;
  virtual LiveEventReader& live_events() = 0;
  virtual OperationsReader& operations() = 0;
  virtual AccountReader& accounts() = 0;
  virtual SessionReader& sessions() = 0;
  virtual DirectoryReader& directory() = 0;
  virtual SettingsReader& settings() = 0;
  virtual NotificationReader& notifications() = 0;
  virtual WebhookReader& webhooks() = 0;
  virtual IdempotencyReader& idempotency() = 0;
  virtual FailureCountReader& failure_counts() = 0;
  virtual DueMailReader& due_mail() = 0;
  virtual WebhookOutboxReader& webhook_outbox() = 0;
};

}  // namespace enlace::core
