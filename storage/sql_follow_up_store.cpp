// The follow-up work's SQL ports: see sql_follow_up_store.hpp.
#include "storage/sql_follow_up_store.hpp"

#include "core/audit_event.hpp"
#include "core/referral_record.hpp"
#include "storage/audit_log.hpp"
#include "storage/referral_repository.hpp"

namespace enlace::storage {

namespace {

std::vector<core::DueReferral> due(const std::vector<OverdueNotice>& rows) {
  std::vector<core::DueReferral> out;
  out.reserve(rows.size());
  for (const auto& n : rows) out.push_back({n.id, n.from_org, n.to_org, n.status, n.version});
  return out;
}

}  // namespace

std::vector<core::DueReferral> SqlFollowUpStore::take_overdue(core::Timestamp now,
                                                              std::chrono::minutes remind_every,
                                                              int limit) {
  return due(ReferralRepository::take_overdue(tx_, now, remind_every, limit));
}

std::vector<core::DueReferral> SqlFollowUpStore::expire_unanswered(core::Timestamp now,
                                                                   core::Timestamp deadline_before,
                                                                   int limit) {
  return due(ReferralRepository::expire_unanswered(tx_, now, deadline_before, limit));
}

void SqlSystemAuditTrail::record(std::string organization, std::string action,
                                 std::string entity_type, std::string entity_id) {
  core::AuditEvent e;
  e.at = at_;
  e.actor_user = actor_user_;
  e.organization = std::move(organization);
  e.role = "system";
  e.action = std::move(action);
  e.entity_type = std::move(entity_type);
  e.entity_id = std::move(entity_id);
  e.outcome = "ok";
  append_audit(tx_, e);
}

}  // namespace enlace::storage
