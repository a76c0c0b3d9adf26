// PATCH /cases/{id} (API.md, Daily work) as typed input: what the body sent, laid over the stored
// case by patched_draft() once the case is found. Nothing is checked here but the shape the
// parser saw; make_case checks the result as on create.
#pragma once

#include "core/case_file.hpp"
#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// A field of a patch: the outer optional says whether the body sent it, the inner one its value
// (nullopt: sent as null, which clears it).
template <class T>
using Sent = std::optional<std::optional<T>>;

struct PersonPatch {
  Sent<std::string> given_name, family_name, sex, nationality, migratory_status, phone;
  Sent<std::vector<std::string>> languages;
  // A new birth date replaces an estimate and the other way round: when either was sent, both
  // are replaced by what was sent (sending both is the same error as on create).
  bool touches_age = false;
  std::optional<std::string> birth_date;
  std::optional<std::int64_t> estimated_age;
};

struct CasePatch {
  PersonPatch person;
  Sent<std::string> territory_id;
  Sent<std::vector<std::string>> specific_needs;
  Sent<std::vector<NeedDraft>> needs;  // the array replaces the list, by id (merge_needs)
  Sent<std::string> notes;
  // What the parser found wrong with the body. Reported only once the case is found and
  // editable (a stranger's case is 404 whatever the body says), with merge_needs' errors
  // inserted at `needs_errors_at` so that the list keeps the body's order.
  FieldErrors errors;
  std::size_t needs_errors_at = 0;
};

// The stored case as a draft with `patch` laid over it, the needs merged; `errors` gets the
// patch's own errors and the merge's. The stored age basis is not in the draft's terms (the day
// an age was estimated): when !patch.person.touches_age the caller keeps current.person.age.
CaseDraft patched_draft(const CaseFile& current, const CasePatch& patch, FieldErrors& errors);

}  // namespace enlace::core
