// The person's access report: every referral snapshot sent about a case and every recorded
// access to the case and to its referrals (reads and listing pages, by the receiver and by the
// sending organisation's staff), from the audit log.
#pragma once

#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

struct DisclosedConsent {
  std::string id, method;
  core::Timestamp given_at{};
};

struct Disclosure {
  std::string referral_id;
  core::Timestamp sent_at{};
  std::string to_organization_id, to_organization_name, category;
  std::string shared_fields_json;  // JSON array of field names, as stored
  std::string legal_basis;
  std::optional<DisclosedConsent> consent;
};

struct RecordedAccess {
  core::Timestamp at{};
  std::string user_id, display_name, organization_id, organization_name, action;
  std::string entity_type, entity_id;  // "case" or "referral" and which
};

struct DisclosureReport {
  std::string case_id;
  std::vector<Disclosure> referrals;  // oldest first
  std::vector<RecordedAccess> reads;  // oldest first
};

// Only for the organisation that owns the case (404 otherwise). Accesses are successful audit
// events on the case or naming it in a listing, and on its referrals (or naming one in a
// listing) by the receiving or the sending organisation.
core::Result<DisclosureReport> disclosure_report(ReadTxn& tx, const core::Actor& actor,
                                                 const std::string& case_id);

}  // namespace enlace::storage
