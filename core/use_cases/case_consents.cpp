// Consent on a case: see case_consents.hpp.
#include "core/use_cases/case_consents.hpp"

namespace enlace::core {

Result<Refusable<Consent>> record_consent(const CasePorts& ports, const Actor& actor,
                                          const std::string& case_id, const std::string& id,
                                          const ConsentDraft& draft, Timestamp now) {
  CaseStore& store = ports.store;
  auto owner = store.find_case(actor, case_id);
  if (!owner)
    return refuse_or_fail<Consent>(ports.audit, owner.error(), "consent.create", "case", case_id);
  auto consent = make_consent(draft, store.known_categories(), now);
  if (!consent) return consent.error();
  auto saved = store.insert_consent(actor, case_id, id, *consent);
  if (!saved)
    return refuse_or_fail<Consent>(ports.audit, saved.error(), "consent.create", "case", case_id);
  ports.audit.record("consent.create", "case", case_id);
  return Refusable<Consent>{std::move(*saved), std::nullopt};
}

Result<Refusable<Consent>> withdraw_consent(const CasePorts& ports, const Actor& actor,
                                            const std::string& case_id,
                                            const std::string& consent_id,
                                            std::optional<std::int64_t> version, Timestamp now) {
  auto saved = ports.store.withdraw_consent(actor, case_id, consent_id, version, now);
  if (!saved)
    return refuse_or_fail<Consent>(ports.audit, saved.error(), "consent.withdraw", "case",
                                   case_id);
  ports.audit.record("consent.withdraw", "case", case_id);
  return Refusable<Consent>{std::move(*saved), std::nullopt};
}

}  // namespace enlace::core
