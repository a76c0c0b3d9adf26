// Consents of a case. Scoped like cases: only caseworkers of the case's organisation, in SQL.
#pragma once

#include "core/consent.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

class ConsentRepository {
 public:
  // `c` from core::make_consent; its organisations must exist (invalid "organizations[i]").
  // The case must be visible and open.
  static core::Result<core::Consent> insert(WriteTxn& tx, const core::Actor& actor,
                                            const std::string& case_id, const std::string& id,
                                            const core::Consent& c);
  // Every consent of a visible case, oldest first (empty when the case is not visible).
  template <class Txn>
  static std::vector<core::Consent> list_for_case(Txn& tx, const core::Actor& actor,
                                                  const std::string& case_id);
  // core::withdraw decides; conflict "consent-withdrawn" the second time. `version` (the
  // consent's, from If-Match) is checked when given: withdrawing needs no prior read.
  static core::Result<core::Consent> withdraw(WriteTxn& tx, const core::Actor& actor,
                                              const std::string& case_id,
                                              const std::string& consent_id,
                                              std::optional<std::int64_t> version,
                                              core::Timestamp now);
};

}  // namespace enlace::storage
