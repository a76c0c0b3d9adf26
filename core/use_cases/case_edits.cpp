// Changing a case: see case_edits.hpp.
#include "core/use_cases/case_edits.hpp"

namespace enlace::core {

namespace {
using Out = Refusable<CaseRecord>;
}

Result<Out> edit_case(const CasePorts& ports, const Actor& actor, const std::string& id,
                      std::int64_t version, const CasePatch& patch, Timestamp now) {
  CaseStore& store = ports.store;
  auto current = store.find_case(actor, id);
  if (!current)
    return refuse_or_fail<CaseRecord>(ports.audit, current.error(), "case.update", "case", id);
  if (current->version != version) return Error::stale();
  if (current->file.status == CaseStatus::closed)
    return Error::conflict("case-closed", "A closed case cannot be edited.");
  FieldErrors errors;
  auto draft = patched_draft(current->file, patch, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  auto file = make_case(draft, store.known_categories(), date_of(now));
  if (!file) return file.error();
  // The stored basis keeps the day an age was estimated, which a draft does not carry.
  if (!patch.person.touches_age) file->person.age = current->file.person.age;
  auto saved = store.update_case(actor, id, version, *file, now);
  if (!saved)
    return refuse_or_fail<CaseRecord>(ports.audit, saved.error(), "case.update", "case", id);
  ports.audit.record("case.update", "case", id);
  return Out{std::move(*saved), std::nullopt};
}

Result<Out> close_case(const CasePorts& ports, const Actor& actor, const std::string& id,
                       std::optional<std::int64_t> version,
                       const std::optional<std::string>& reason, Timestamp now) {
  auto saved = ports.store.close_case(actor, id, version, reason, now);
  if (!saved)
    return refuse_or_fail<CaseRecord>(ports.audit, saved.error(), "case.close", "case", id);
  ports.audit.record("case.close", "case", id);
  return Out{std::move(*saved), std::nullopt};
}

Result<Out> link_household(const CasePorts& ports, const Actor& actor, const std::string& id,
                           const std::string& other_case_id, const std::string& relation) {
  auto linked = ports.store.link_household(actor, id, other_case_id, relation);
  if (!linked)
    return refuse_or_fail<CaseRecord>(ports.audit, linked.error(), "case.household", "case", id);
  auto found = ports.store.find_case(actor, id);
  if (!found) return found.error();
  // Last, once nothing can fail: an event recorded is the request's (request_audit.hpp).
  ports.audit.record("case.household", "case", id);
  return Out{std::move(*found), std::nullopt};
}

}  // namespace enlace::core
