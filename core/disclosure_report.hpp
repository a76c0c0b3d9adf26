// The person's access report (API.md, GET /api/v1/cases/{id}/disclosures): every referral
// snapshot sent about a case and every recorded access to the case and to its referrals. Plain
// data; storage reads it from the referrals and the audit log (storage/disclosure_report.hpp).
#pragma once

#include "core/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

struct DisclosedConsent {
  std::string id, method;
  Timestamp given_at{};
};

struct Disclosure {
  std::string referral_id;
  Timestamp sent_at{};
  std::string to_organization_id, to_organization_name, category;
  std::string shared_fields_json;  // JSON array of field names, as stored
  std::string legal_basis;
  std::optional<DisclosedConsent> consent;
};

struct RecordedAccess {
  Timestamp at{};
  std::string user_id, display_name, organization_id, organization_name, action;
  std::string entity_type, entity_id;  // "case" or "referral" and which
};

struct DisclosureReport {
  std::string case_id;
  std::vector<Disclosure> referrals;  // oldest first
  std::vector<RecordedAccess> reads;  // oldest first
};

}  // namespace enlace::core
