// Reading cases (API.md, Cases and consent; Data protection): one case, an audited read in a
// write so that its event is durable before the reply; a page of the list, read on a snapshot,
// then its one event naming the cases shown, committed before the page is answered; and the
// person's access report, read on a snapshot, then its event.
// The caller has checked that the actor is a caseworker (the gate of every case route).
#pragma once

#include "core/case_record.hpp"
#include "core/ports/audit_trail.hpp"
#include "core/ports/case_store.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/shown_ids.hpp"
#include "core/use_cases/refusal.hpp"
#include "core/use_cases/register_case.hpp"

#include <string>
#include <vector>

namespace enlace::core {

// "case.read": ok, or not_found (a refusal) for a case the actor may not see.
Result<Refusable<CaseRecord>> read_case(const CasePorts& ports, const Actor& actor,
                                        const std::string& id);

struct CasePage {
  std::vector<CaseRecord> rows;  // up to filter.limit + 1: the extra one only says "more"
  std::vector<std::string> shown;  // the ids the page shows, for its event
};

// A page of the actor's organisation's cases. Records nothing: record_case_page does, in a
// write of its own, before the page is answered.
Result<CasePage> list_cases(CaseReader& reader, const Actor& actor, const CaseListFilter& filter);

// The page's "case.list" event, naming every case it shows (CasePage::shown).
void record_case_page(AuditTrail& audit, std::vector<std::string> shown);

// GET /cases/{id}/disclosures: the person's access report, read on a snapshot (not_found for
// a case the actor's organisation does not hold). Records nothing: opening the report is an
// access like any other, recorded after the read (record_disclosures_read) so that the report
// does not list the request that made it.
Result<DisclosureReport> read_disclosures(CaseReader& reader, const Actor& actor,
                                          const std::string& case_id);
void record_disclosures_read(AuditTrail& audit, const std::string& case_id);

}  // namespace enlace::core
