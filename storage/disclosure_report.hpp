// The person's access report: every referral snapshot sent about a case and every recorded
// access to the case and to its referrals (reads and listing pages, by the receiver and by the
// sending organisation's staff), from the audit log.
#pragma once

#include "core/disclosure_report.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

// The report's records live in core (core/disclosure_report.hpp): the case reader port speaks them.
using core::DisclosedConsent;
using core::Disclosure;
using core::DisclosureReport;
using core::RecordedAccess;

// Only for the organisation that owns the case (404 otherwise). Accesses are successful audit
// events on the case or naming it in a listing, and on its referrals (or naming one in a
// listing) by the receiving or the sending organisation.
core::Result<DisclosureReport> disclosure_report(ReadTxn& tx, const core::Actor& actor,
                                                 const std::string& case_id);

}  // namespace enlace::storage
