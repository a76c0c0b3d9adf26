// A page of a referral box (inbox, outbox, review; and FHIR's Task searches): the page shows
// snapshots, so it leaves one "referral.list" event naming the referrals shown, committed
// before the page is answered (API.md, Data protection). The rows are read on a snapshot by the
// caller; this is the page's write.
#pragma once

#include "core/ports/audit_trail.hpp"

#include <string>
#include <vector>

namespace enlace::core {

// `shown`: the ids of the referrals the page shows (core::shown_ids: not the extra row that
// only tells that a next page exists).
void record_referral_page(AuditTrail& audit, std::vector<std::string> shown);

}  // namespace enlace::core
