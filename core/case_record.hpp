// A case file as one caseworker's organisation holds it: the record the case use cases and
// their ports speak of (core/ports/case_store.hpp). Plain data; storage reads and writes it.
#pragma once

#include "core/case_file.hpp"
#include "core/consent.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

struct HouseholdLink {
  std::string case_id;  // the other case
  std::string relation;
};

struct CaseRecord {
  std::string id, organization_id;
  CaseFile file;
  std::vector<HouseholdLink> household;
  std::vector<Consent> consents;
  std::int64_t version = 1;
  Timestamp created_at{}, updated_at{};
  std::optional<Timestamp> closed_at;
  std::optional<Timestamp> purged_at;
};

// GET /cases: which of the organisation's cases, from where.
struct CaseListFilter {
  std::optional<CaseStatus> status;
  std::optional<std::string> q;  // name words as typed; the store folds them
  std::string after;             // cursor: the last id seen, empty from the start
  int limit = 50;                // rows returned: up to limit + 1 (the extra one means "more")
};

}  // namespace enlace::core
