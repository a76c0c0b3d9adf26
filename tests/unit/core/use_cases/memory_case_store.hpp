// An in-memory case store for the use-case tests. It scopes like the SQL one (a case is seen
// by the caseworkers of its organisation, core::can_manage_case; anything else is not_found)
// and decides with the same core rules (check_close, check_transfer, withdraw). "May be the
// same person" is a same given name, in the actor's organisation (duplicates) or in another
// (elsewhere).
#pragma once

#include "core/access_policy.hpp"
#include "core/ports/case_store.hpp"
#include "core/use_cases/register_case.hpp"
#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace enlace::core::testing {

class MemoryCaseStore final : public CaseStore, public CaseReader {
 public:
  std::map<std::string, CaseRecord> cases;  // as written, whoever may see them
  std::set<std::string> organizations = {"org-a", "org-b"};
  std::set<std::string> territories = {"t-quito", "t-lima"};
  std::map<std::string, std::int64_t> consent_versions;  // by consent id
  std::vector<std::string> calls;  // in order, to check what is asked before a write

  std::vector<std::string> known_categories() override { return {"shelter", "health"}; }
  std::vector<std::string> possible_duplicates(const Actor& actor, const Person& p,
                                               Date) override {
    calls.push_back("possible_duplicates");
    std::vector<std::string> out;
    for (const auto& [id, c] : cases)
      if (c.organization_id == actor.organization_id &&
          c.file.person.given_name == p.given_name)
        out.push_back(id);
    return out;
  }
  bool known_elsewhere(const Actor& actor, const Person& p) override {
    calls.push_back("known_elsewhere");
    for (const auto& [id, c] : cases)
      if (c.organization_id != actor.organization_id &&
          c.file.person.given_name == p.given_name)
        return true;
    return false;
  }
  Result<CaseRecord> insert_case(const Actor& actor, const std::string& id,
                                 const CaseFile& file, Timestamp now) override {
    calls.push_back("insert_case");
    CaseRecord r{id, actor.organization_id, file, {}, {}, 1, now, now, std::nullopt,
                 std::nullopt};
    cases.emplace(id, r);
    return r;
  }

  Result<CaseRecord> find_case(const Actor& actor, const std::string& id) override {
    calls.push_back("find_case");
    auto it = cases.find(id);
    if (it == cases.end() || !can_manage_case(actor, it->second.organization_id))
      return Error::not_found("case");
    return it->second;
  }
  Result<CaseRecord> update_case(const Actor& actor, const std::string& id,
                                 std::int64_t version, const CaseFile& file,
                                 Timestamp now) override {
    calls.push_back("update_case");
    auto found = find_case(actor, id);
    if (!found) return found;
    CaseRecord& r = cases.at(id);
    if (r.version != version) return Error::stale();
    if (r.file.status == CaseStatus::closed)
      return Error::conflict("case-closed", "A closed case cannot be edited.");
    if (!territories.count(file.territory_id))
      return Error::invalid_field("territory_id", "does not exist");
    const CaseStatus status = r.file.status;
    r.file = file;
    r.file.status = status;
    r.version += 1;
    r.updated_at = now;
    return r;
  }
  Result<CaseRecord> close_case(const Actor& actor, const std::string& id,
                                std::optional<std::int64_t> version,
                                const std::optional<std::string>& reason,
                                Timestamp now) override {
    calls.push_back("close_case");
    auto found = find_case(actor, id);
    if (!found) return found;
    CaseRecord& r = cases.at(id);
    if (version && r.version != *version) return Error::stale();
    auto text = check_close(r.file.status, reason);
    if (!text) return text.error();
    r.file.status = CaseStatus::closed;
    r.closed_at = now;
    r.version += 1;
    return r;
  }
  Result<std::vector<HouseholdLink>> link_household(const Actor& actor,
                                                    const std::string& case_id,
                                                    const std::string& other_case_id,
                                                    const std::string& relation) override {
    calls.push_back("link_household");
    if (!find_case(actor, case_id)) return Error::not_found("case");
    if (other_case_id == case_id || !find_case(actor, other_case_id))
      return Error::invalid_field("case_id", "is not another case of your organisation");
    auto& links = cases.at(case_id).household;
    links.push_back({other_case_id, relation});
    return links;
  }
  Result<CaseTransferred> transfer_case(const Actor& actor, const std::string& id,
                                        std::int64_t version, const TransferRequest& request,
                                        const std::string&, Timestamp now) override {
    calls.push_back("transfer_case");
    auto found = find_case(actor, id);
    if (!found) return found.error();
    CaseRecord& r = cases.at(id);
    if (r.version != version) return Error::stale();
    if (!organizations.count(request.to_organization_id))
      return Error::invalid_field("to_organization_id", "is not a known organisation");
    auto consent_id =
        check_transfer(r.organization_id, r.file.status, request, r.consents, now);
    if (!consent_id) return consent_id.error();
    CaseTransferred moved{id, r.organization_id, request.to_organization_id, *consent_id};
    r.organization_id = request.to_organization_id;
    r.version += 1;
    return moved;
  }

  Result<Consent> insert_consent(const Actor& actor, const std::string& case_id,
                                 const std::string& id, const Consent& consent) override {
    calls.push_back("insert_consent");
    auto found = find_case(actor, case_id);
    if (!found) return found.error();
    if (found->file.status == CaseStatus::closed)
      return Error::conflict("case-closed", "A closed case cannot record consent.");
    Consent c = consent;
    c.id = id;
    cases.at(case_id).consents.push_back(c);
    consent_versions[id] = 1;
    return c;
  }
  Result<Consent> withdraw_consent(const Actor& actor, const std::string& case_id,
                                   const std::string& consent_id,
                                   std::optional<std::int64_t> version, Timestamp now) override {
    calls.push_back("withdraw_consent");
    if (!find_case(actor, case_id)) return Error::not_found("consent");
    auto& consents = cases.at(case_id).consents;
    auto it = std::find_if(consents.begin(), consents.end(),
                           [&](const Consent& c) { return c.id == consent_id; });
    if (it == consents.end()) return Error::not_found("consent");
    if (version && consent_versions[consent_id] != *version) return Error::stale();
    auto next = withdraw(*it, now);
    if (!next) return next.error();
    *it = *next;
    consent_versions[consent_id] += 1;
    return next;
  }

  // CaseReader: the actor's organisation's cases by id after the cursor, up to limit + 1.
  Result<std::vector<CaseRecord>> list_cases(const Actor& actor,
                                             const CaseListFilter& filter) override {
    std::vector<CaseRecord> out;
    for (const auto& [id, c] : cases) {
      if (!can_manage_case(actor, c.organization_id) || id <= filter.after) continue;
      if (filter.status && c.file.status != *filter.status) continue;
      if (filter.q && c.file.person.given_name.rfind(*filter.q, 0) != 0) continue;
      if (static_cast<int>(out.size()) > filter.limit) break;
      out.push_back(c);
    }
    return out;
  }
  // The report itself is storage's (the audit log); here, who may open it.
  Result<DisclosureReport> disclosures(const Actor& actor, const std::string& case_id) override {
    auto it = cases.find(case_id);
    if (it == cases.end() || !can_manage_case(actor, it->second.organization_id))
      return Error::not_found("case");
    return DisclosureReport{case_id, {}, {}};
  }
};

// The case use-case tests' ports, clock and people: caseworkers of org-a and of org-b, and a
// partner of org-a (who works no case).
class CasePortsTest : public ::testing::Test {
 protected:
  MemoryCaseStore store;
  MemoryAuditTrail audit;
  CasePorts ports{store, audit};
  Timestamp now = at("2026-12-06T10:00:00Z");
  Actor caseworker{"u-cw", "org-a", {Role::caseworker}, ""};
  Actor stranger{"u-cw2", "org-b", {Role::caseworker}, ""};
  Actor partner{"u-p", "org-a", {Role::partner}, ""};

  // A registration form that holds.
  static CaseDraft draft(const std::string& given_name = "Ana") {
    CaseDraft d;
    d.person.given_name = given_name;
    d.person.estimated_age = 8;
    d.person.sex = "female";
    d.person.nationality = "HT";
    d.territory_id = "t-quito";
    d.needs = std::vector<NeedDraft>{{"shelter", "emergency", "Tonight"}};
    return d;
  }
};

}  // namespace enlace::core::testing
