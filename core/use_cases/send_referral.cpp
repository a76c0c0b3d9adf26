// The send workflow's rules: see send_referral.hpp.
#include "core/use_cases/send_referral.hpp"

#include "core/lawful_basis.hpp"
#include "core/referral.hpp"
#include "core/response_standards.hpp"

namespace enlace::core {

Result<void> check_case_open(const CaseForReferral& the_case) {
  if (the_case.file.status == CaseStatus::closed)
    return Error::conflict("case-closed", "A closed case cannot be referred.");
  return {};
}

Result<SendingTerms> send_referral(SendingReads& store, const CaseForReferral& the_case,
                                   const ReferralToSend& r, Timestamp now) {
  if (auto open = check_case_open(the_case); !open) return open.error();
  ReferralRequest basis_of;
  basis_of.case_id = the_case.id;
  basis_of.to_organization_id = r.to_organization_id;
  basis_of.category = r.category;
  basis_of.urgency = r.urgency;
  basis_of.legal_basis = r.legal_basis;
  auto basis = check_lawful_basis(basis_of, the_case.consents, now);
  if (!basis) return basis.error();
  SendingTerms t;
  if (!basis->consent_id.empty()) t.consent_id = basis->consent_id;
  t.snapshot = make_snapshot(the_case.file, r.shared_fields, r.needs, date_of(now));
  t.respond_by = r.respond_by && *r.respond_by > now
                     ? *r.respond_by
                     : deadline(store.response_standards(), r.category, r.urgency, now);
  return t;
}

bool prepared_still_holds(SendingReads& store, const Actor& actor,
                          const PreparedSending& prepared, const std::string& case_id) {
  if (prepared.case_id != case_id) return false;
  auto now = store.sending_basis(actor, case_id);
  return now && *now == prepared.basis;
}

}  // namespace enlace::core
