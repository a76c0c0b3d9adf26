// Case files, their needs and household links. Every function takes the caller and scopes in
// SQL to cases of the caller's organisation, and only for caseworkers (core::can_manage_case):
// a case the caller may not see never leaves SQLite and is reported as not_found.
#pragma once

#include "core/case_file.hpp"
#include "core/case_record.hpp"
#include "core/case_transfer.hpp"
#include "core/consent.hpp"
#include "core/referral_record.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

// The records live in core (core/case_record.hpp) since the use cases speak them.
using core::CaseRecord;
using core::HouseholdLink;
using core::CaseForReferral;  // core/referral_record.hpp

using core::CaseListFilter;   // core/case_record.hpp
using core::CaseTransferred;  // core/case_transfer.hpp

class CaseRepository {
 public:
  // territory_id must exist (else invalid "territory_id"); name_key = core::duplicate_key.
  static core::Result<CaseRecord> insert(WriteTxn& tx, const core::Actor& actor,
                                         const std::string& id, const core::CaseFile& file,
                                         core::Timestamp now);
  static core::Result<CaseRecord> find(ReadTxn& tx, const core::Actor& actor,
                                       const std::string& id);
  static core::Result<CaseRecord> find_for_update(WriteTxn& tx, const core::Actor& actor,
                                                  const std::string& id);
  // Replaces the editable fields (person, territory, specific needs, needs, notes) with
  // `file`; stale when `version` is not current; conflict "case-closed" on a closed case.
  static core::Result<CaseRecord> update(WriteTxn& tx, const core::Actor& actor,
                                         const std::string& id, std::int64_t version,
                                         const core::CaseFile& file, core::Timestamp now);
  // core::check_close decides; `version` checked when given.
  static core::Result<CaseRecord> close(WriteTxn& tx, const core::Actor& actor,
                                        const std::string& id, std::optional<std::int64_t> version,
                                        const std::optional<std::string>& reason,
                                        core::Timestamp now);
  // Ordered by id; q matches name-word prefixes, ignoring case and accents (FTS5 index).
  template <class Txn>
  static core::Result<std::vector<CaseRecord>> list(Txn& tx, const core::Actor& actor,
                                                    const CaseListFilter& filter);
  // Ids of the organisation's cases that core::is_possible_duplicate matches, except `except_id`.
  // Whether another organisation has a case of this person (storage/person_match.hpp): never
  // which organisation or case. False without a field key or a birth date.
  static bool known_elsewhere(WriteTxn& tx, const core::Actor& actor, const core::Person& person);
  static std::vector<std::string> possible_duplicates(WriteTxn& tx, const core::Actor& actor,
                                                      const core::Person& person, core::Date today,
                                                      const std::string& except_id = "");
  // Moves a visible case to `request.to_organization_id` when core::check_transfer allows it
  // (invalid "to_organization_id" for an unknown organisation; stale when `version` is not
  // current). Consents, needs, household links and history stay with the case; its name keys
  // and tokens are made anew under the new organisation, so only that one finds it by name.
  // The caller loses access unless the new organisation is in its scope too.
  static core::Result<CaseTransferred> transfer(WriteTxn& tx, const core::Actor& actor,
                                                const std::string& id, std::int64_t version,
                                                const core::TransferRequest& request,
                                                const std::string& transfer_id,
                                                core::Timestamp now);
  // Both cases must be visible to the caller; relation 1..50 characters is the caller's check.
  static core::Result<std::vector<HouseholdLink>> add_household_link(
      WriteTxn& tx, const core::Actor& actor, const std::string& case_id,
      const std::string& other_case_id, const std::string& relation);
  // The links of a visible case to other cases the caller works (a link to a case since
  // transferred away is not shown).
  template <class Txn>
  static std::vector<HouseholdLink> household_of(Txn& tx, const core::Actor& actor,
                                                 const std::string& visible_case_id);

  // For the referral engineer: everything make_snapshot and check_lawful_basis need, scoped
  // to the owning organisation's caseworkers. A purged case is not_found.
  template <class Txn>
  static core::Result<CaseForReferral> load_for_referral(Txn& tx, const core::Actor& actor,
                                                         const std::string& case_id);
  // What sending from the case relies on (core::SendingBasis): the case's version, its
  // consents' ids and versions, the response standards' version; scoped as load_for_referral.
  // Three indexed lookups, for the writer to compare with what a read snapshot prepared.
  template <class Txn>
  static std::optional<core::SendingBasis> sending_basis(Txn& tx, const core::Actor& actor,
                                                         const std::string& case_id);

  // The category codes in the database, for core::make_case / make_consent.
  template <class Txn>
  static std::vector<std::string> known_categories(Txn& tx);
};

}  // namespace enlace::storage
