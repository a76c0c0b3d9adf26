// A referral as the use cases and their ports speak of it (core/ports/referral_store.hpp):
// the record one caller sees, what a new one and a move write, its history, and what a
// referral needs from its case. Plain data; storage reads and writes them.
#pragma once

#include "core/case_file.hpp"
#include "core/codes.hpp"
#include "core/consent.hpp"
#include "core/referral_status.hpp"
#include "core/shared_snapshot.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace enlace::core {

// What a referral needs from its case: the organisation that owns it (the sender), the
// territory (alternatives), the file (make_snapshot) and the consents (check_lawful_basis).
// file.person.age carries the AgeBasis.
struct CaseForReferral {
  std::string id, organization_id, territory_id;
  CaseFile file;
  std::vector<Consent> consents;
  std::int64_t version = 1;
};

// What sending a referral was decided on, in a form cheap to read again: the case's version,
// each of its consents' id and version (a withdrawal changes it), and the response standards'
// version. Sending prepared on a read snapshot is stored only when the writer reads the same
// (core/use_cases/send_referral.hpp).
struct SendingBasis {
  std::int64_t case_version = 0;
  std::vector<std::pair<std::string, std::int64_t>> consents;  // ordered by id
  std::int64_t standards_version = 0;
  bool operator==(const SendingBasis&) const = default;
};

// A referral as one caller sees it. Fields the caller's side may not see stay empty.
struct ReferralRecord {
  std::string id;
  bool sender_view = false;              // the caller reads it as the sending organisation
  std::optional<std::string> case_id;    // sender only
  std::string from_org, to_org;
  std::optional<std::string> service_id;
  std::string category;
  Urgency urgency = Urgency::normal;
  std::string reason;
  Status status = Status::draft;
  LegalBasis legal_basis = LegalBasis::consent;
  std::optional<std::string> consent_id;     // sender only
  std::optional<std::string> justification;  // sender only
  std::vector<SharedField> shared_fields;
  std::optional<std::string> snapshot;  // JSON of the shared fields, frozen when sent
  // Sender only: which needs go with "needs"/"specific_needs"; unset on referrals written
  // before the choice was stored (the default applies to them).
  std::optional<NeedsChoice> needs_choice;
  std::optional<Timestamp> respond_by, requested_at, responded_at, closed_at;
  std::optional<std::string> reason_code, outcome_code, outcome;
  std::optional<Timestamp> overdue_notified_at, reviewed_at;
  // Set when accepted, from the response standards' outcome_days (migration 13).
  std::optional<Timestamp> outcome_by;
  std::int64_t version = 1;
  Timestamp created_at{}, updated_at{};
};

struct NewReferral {
  std::string id, case_id, from_org, to_org;
  std::optional<std::string> service_id;
  std::string category;
  Urgency urgency = Urgency::normal;
  std::string reason;
  Status status = Status::requested;  // draft or requested
  LegalBasis legal_basis = LegalBasis::consent;
  std::optional<std::string> consent_id, justification;
  std::vector<SharedField> shared_fields;
  NeedsChoice needs_choice;           // kept for a draft's snapshot when it is sent
  std::optional<SharedSnapshot> snapshot;   // set when created as requested
  std::optional<Timestamp> respond_by;  // set when created as requested (or given)
};

// A checked move (check_transition already passed). Sending a draft also freezes the
// snapshot under its lawful basis and sets the deadline.
struct TransitionChange {
  Status to = Status::requested;
  std::optional<std::string> reason_code, reason, outcome_code, outcome;
  std::optional<std::string> consent_id;
  std::optional<SharedSnapshot> snapshot;  // set when sent (storage keeps it as JSON text)
  std::optional<Timestamp> respond_by;
  std::optional<Timestamp> outcome_by;  // set on acceptance
  // The sender records the external receiver's answer (the history says for whom).
  bool on_behalf = false;
};

// The history's actor when the server itself moves a referral (expiry as no_response).
inline constexpr std::string_view kSystemActor = "system";

struct HistoryEntry {
  std::optional<Status> from;
  Status to = Status::draft;
  Timestamp at{};
  std::string by_user, by_org;
  std::optional<std::string> by_display_name;
  std::optional<std::string> reason_code, reason, outcome_code, outcome;
  // Recorded by the sender on behalf of this (external) receiving organisation.
  std::optional<std::string> on_behalf_of;
};

}  // namespace enlace::core
