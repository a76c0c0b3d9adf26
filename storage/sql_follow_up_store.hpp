// The follow-up work's ports over one SQL write transaction (core/ports/follow_up_store.hpp):
// thin ReferralRepository calls and audit appends. Serves SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/follow_up_store.hpp"
#include "core/referral_record.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlFollowUpStore final : public core::FollowUpStore {
 public:
  explicit SqlFollowUpStore(WriteTxn& tx) : tx_(tx) {}
  std::vector<core::DueReferral> take_overdue(core::Timestamp now,
                                              std::chrono::minutes remind_every,
                                              int limit) override;
  std::vector<core::DueReferral> expire_unanswered(core::Timestamp now,
                                                   core::Timestamp deadline_before,
                                                   int limit) override;

 private:
  WriteTxn& tx_;
};

// Appends to the audit chain in the same transaction, at `at`, as the system (role "system";
// `actor_user` core::kSystemActor, but for the webhook dispatcher's events, which have always
// named no user).
class SqlSystemAuditTrail final : public core::SystemAuditTrail {
 public:
  SqlSystemAuditTrail(WriteTxn& tx, core::Timestamp at,
                      std::string actor_user = std::string(core::kSystemActor))
      : tx_(tx), at_(at), actor_user_(std::move(actor_user)) {}
  void record(std::string organization, std::string action, std::string entity_type,
              std::string entity_id) override;

 private:
  WriteTxn& tx_;
  core::Timestamp at_;
  std::string actor_user_;
};

}  // namespace enlace::storage
