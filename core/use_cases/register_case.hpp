// POST /cases: a caseworker registers a person's case file for their organisation. One
// transaction on the ports.
#pragma once

#include "core/case_file.hpp"
#include "core/case_record.hpp"
#include "core/ports/audit_trail.hpp"
#include "core/ports/case_store.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

#include <string>
#include <vector>

namespace enlace::core {

struct CasePorts {
  CaseStore& store;
  AuditTrail& audit;
};

struct CaseRegistered {
  CaseRecord record;
  std::vector<std::string> possible_duplicates;  // the organisation's own cases
  bool known_elsewhere = false;  // another organisation has met this person
};

// `id` is the new case's id. The caller has checked that the actor is a caseworker (the gate
// of every case route, before the body is read). A form that does not hold (422) writes
// nothing; a registered case leaves a "case.create" event.
Result<CaseRegistered> register_case(const CasePorts& ports, const Actor& actor,
                                     const CaseDraft& draft, const std::string& id,
                                     Timestamp now);

}  // namespace enlace::core
