// What the case use cases read and write (core/use_cases/register_case.hpp, case_edits.hpp,
// case_consents.hpp, transfer_case.hpp...). Bound to one write transaction; scoping by the actor
// is the store's (in SQL for SQLite and PostgreSQL): a case the actor may not see is not_found,
// never returned. The adapter is storage/sql_case_store.hpp.
#pragma once

#include "core/case_file.hpp"
#include "core/case_record.hpp"
#include "core/case_transfer.hpp"
#include "core/consent.hpp"
#include "core/disclosure_report.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // The need categories the network knows (make_case and make_consent check against them).
  virtual std::vector<std::string> known_categories() = 0;
  // Ids of the actor's organisation's cases that may be this person (name and birth).
  virtual std::vector<std::string> possible_duplicates(const Actor& actor, const Person& person,
                                                       Date today) = 0;
  // Whether another organisation holds a case that may be this person; never which.
  virtual bool known_elsewhere(const Actor& actor, const Person& person) = 0;
  // Writes a new case of the actor's organisation.
  virtual Result<CaseRecord> insert_case(const Actor& actor, const std::string& id,
                                         const CaseFile& file, Timestamp now) = 0;

  // The case as `actor` sees it (household and consents included), in this transaction.
  virtual Result<CaseRecord> find_case(const Actor& actor, const std::string& id) = 0;
  // Replaces the editable fields with `file`: stale when `version` is not current, conflict
  // "case-closed" on a closed case, invalid "territory_id" for an unknown territory.
  virtual Result<CaseRecord> update_case(const Actor& actor, const std::string& id,
                                         std::int64_t version, const CaseFile& file,
                                         Timestamp now) = 0;
  // Closes the case (core::check_close decides); `version` checked when given.
  virtual Result<CaseRecord> close_case(const Actor& actor, const std::string& id,
                                        std::optional<std::int64_t> version,
                                        const std::optional<std::string>& reason,
                                        Timestamp now) = 0;
  // Links `other_case_id` to the case as household (relation as checked by the caller):
  // not_found when the actor cannot see the case, invalid "case_id" when the other one is not
  // another case of theirs. Returns the case's links.
  virtual Result<std::vector<HouseholdLink>> link_household(const Actor& actor,
                                                            const std::string& case_id,
                                                            const std::string& other_case_id,
                                                            const std::string& relation) = 0;
  // Hands the case to request.to_organization_id when core::check_transfer allows it (stale
  // when `version` is not current, invalid "to_organization_id" for an unknown organisation).
  virtual Result<CaseTransferred> transfer_case(const Actor& actor, const std::string& id,
                                                std::int64_t version,
                                                const TransferRequest& request,
                                                const std::string& transfer_id,
                                                Timestamp now) = 0;

  // Records `consent` (core::make_consent's) on a visible, open case: conflict "case-closed"
  // on a closed one, invalid "organizations[i]" for an unknown organisation.
  virtual Result<Consent> insert_consent(const Actor& actor, const std::string& case_id,
                                         const std::string& id, const Consent& consent) = 0;
  // Withdraws a consent of a visible case (core::withdraw decides; conflict
  // "consent-withdrawn" the second time); not_found "consent" when the actor cannot see it;
  // `version` (the consent's) checked when given.
  virtual Result<Consent> withdraw_consent(const Actor& actor, const std::string& case_id,
                                           const std::string& consent_id,
                                           std::optional<std::int64_t> version,
                                           Timestamp now) = 0;
};

// Case reads that need no write, on a read snapshot (off the writer): a page of the list, the
// person's access report.
class CaseReader {
 public:
  virtual ~CaseReader() = default;
  // The actor's organisation's cases, ordered by id, after filter.after: up to limit + 1 (the
  // extra one tells the caller a next page exists). q matches name-word prefixes, ignoring case
  // and accents.
  virtual Result<std::vector<CaseRecord>> list_cases(const Actor& actor,
                                                     const CaseListFilter& filter) = 0;
  // The access report of a case of the actor's organisation (not_found otherwise): the
  // snapshots sent about it and the successful accesses to it and its referrals.
  virtual Result<DisclosureReport> disclosures(const Actor& actor, const std::string& case_id) = 0;
};

}  // namespace enlace::core
