// The referral row as the repository and the listing read it, scoped to the caller
// (storage-internal).
#pragma once

#include "core/role.hpp"
#include "storage/referral_repository.hpp"
#include "storage/sql.hpp"

#include <string>

namespace enlace::storage {

// Parameters ?2 (caller's organisation), ?3 (caller may read as sender), ?4 (caller may act as
// receiver) are shared by every scoped statement. Sender-only columns are NULL for the receiver
// in SQL, so they never reach the gateway.
#define ENLACE_REFERRAL_COLUMNS                                                              \
  "r.id, (r.from_org = ?2 AND ?3), CASE WHEN r.from_org = ?2 AND ?3 THEN r.case_id END, "  \
  "r.from_org, r.to_org, r.service_id, r.category, r.urgency, r.reason, r.status, "        \
  "r.legal_basis, CASE WHEN r.from_org = ?2 AND ?3 THEN r.consent_id END, "                 \
  "CASE WHEN r.from_org = ?2 AND ?3 THEN r.justification END, r.shared_fields, r.snapshot, " \
  "r.respond_by, r.requested_at, r.responded_at, r.closed_at, r.reason_code, "              \
  "r.outcome_code, r.outcome, r.overdue_notified_at, r.reviewed_at, r.version, "            \
  "r.created_at, r.updated_at, CASE WHEN r.from_org = ?2 AND ?3 THEN r.shared_needs END, "  \
  "CASE WHEN r.from_org = ?2 AND ?3 THEN r.shared_specific_needs END, r.outcome_by"
#define ENLACE_REFERRAL_SCOPE \
  "((r.from_org = ?2 AND ?3) OR (r.to_org = ?2 AND ?4 AND r.status <> 'draft'))"

inline constexpr int kReferralColumnCount = 30;

struct ReferralScope {
  std::string org;
  bool sender = false, receiver = false;
};

ReferralScope referral_scope(const core::Actor& a);
void bind_referral_scope(Statement& st, const ReferralScope& s);
// Reads the ENLACE_REFERRAL_COLUMNS of the current row.
ReferralRecord read_referral(Statement& st);

}  // namespace enlace::storage
