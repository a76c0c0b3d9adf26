// Whose cases a caller works: the one rule every query of cases, consents, household links,
// name search and the access report applies in its SQL (docs/SECURITY.md, "Case sharing").
// A caseworker works its own organisation's cases and those of its direct units that share
// them with it (organization.shares_cases_with_parent, the case_scope view of migration 18);
// nobody else works any case.
#pragma once

#include "core/access_policy.hpp"
#include "storage/txn.hpp"

#include <string>
#include <vector>

namespace enlace::storage {

// `column IN` this, with PARAM the bound parameter of case_scope_org(): the organisations
// whose cases that viewer works. Compile-time SQL, so statements stay prepared once.
#define ENLACE_IN_CASE_SCOPE(PARAM) \
  " IN (SELECT case_org FROM case_scope WHERE viewer_org = " PARAM ")"

// The viewer to bind: the caller's organisation for a caseworker, else "" (matches no row:
// system_admin and auditor have none, and org_admins, partners and coordinators see no case).
inline std::string case_scope_org(const core::Actor& a) {
  return core::can_create_case(a) ? a.organization_id : std::string();
}

// The organisations whose cases `viewer` works, its own first (empty for ""). Name keys and
// tokens are keyed per organisation, so a blind search computes them for each.
template <class Txn>
std::vector<std::string> case_scope_organizations(Txn& tx, const std::string& viewer) {
  std::vector<std::string> out;
  if (viewer.empty()) return out;
  auto st = tx.prepared(
      "SELECT case_org FROM case_scope WHERE viewer_org = ?1 ORDER BY case_org <> ?1, case_org");
  st.bind(1, viewer);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

}  // namespace enlace::storage
