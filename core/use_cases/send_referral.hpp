// Sending a referral, the one workflow behind both ways of sending: POST /referrals with
// status requested (create_referral.hpp) and a draft moved to requested
// (transition_referral.hpp). What sending decides is decided here only, at the moment of
// sending and not when a draft was written (its case or consents may have changed since):
// the case must be open, a lawful basis must hold now, the snapshot of the chosen fields is
// frozen, and the answer's deadline is set. The caller writes the referral with these terms,
// then has its tracking issued (ReferralNotices::referral_sent).
#pragma once

#include "core/codes.hpp"
#include "core/ports/referral_store.hpp"
#include "core/referral_record.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/shared_snapshot.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// The referral being sent, as its sender chose it.
struct ReferralToSend {
  std::string to_organization_id, category;
  Urgency urgency = Urgency::normal;
  LegalBasis legal_basis = LegalBasis::consent;
  std::vector<SharedField> shared_fields;
  NeedsChoice needs;
  std::optional<Timestamp> respond_by;  // the sender's own deadline, kept while still ahead
};

// What a sent referral carries and a draft does not.
struct SendingTerms {
  std::optional<std::string> consent_id;  // the covering consent; none under vital interest
  SharedSnapshot snapshot;
  Timestamp respond_by{};
};

// conflict "case-closed" for a closed case; the lawful basis's 422 when no active consent
// covers the receiver and category (core/lawful_basis.hpp).
Result<SendingTerms> send_referral(SendingReads& store, const CaseForReferral& the_case,
                                   const ReferralToSend& r, Timestamp now);

// Sending decided before the write, on a read snapshot (prepare_referral, prepare_transition),
// so that the single writer only checks it and stores it. The decision is the same one
// send_referral makes in the write; it is used only while what it relied on is unchanged
// (prepared_still_holds), and otherwise the write decides again as if nothing was prepared.
struct PreparedSending {
  std::string case_id;
  SendingBasis basis;
  std::optional<std::int64_t> draft_version;  // a draft being sent: the version it was read at
  NeedsChoice needs;  // a new referral's (a draft brings its own)
  SendingTerms terms;
};

// Whether `prepared` may be stored in the write that `store` is bound to: the same case, and
// its version, its consents' and the response standards' versions as they were prepared.
bool prepared_still_holds(SendingReads& store, const Actor& actor,
                          const PreparedSending& prepared, const std::string& case_id);

// A case must be open to be referred at all, as a draft too.
Result<void> check_case_open(const CaseForReferral& the_case);

}  // namespace enlace::core
