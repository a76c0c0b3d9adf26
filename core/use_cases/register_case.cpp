// Registering a case: see register_case.hpp.
#include "core/use_cases/register_case.hpp"

namespace enlace::core {

Result<CaseRegistered> register_case(const CasePorts& ports, const Actor& actor,
                                     const CaseDraft& draft, const std::string& id,
                                     Timestamp now) {
  CaseStore& store = ports.store;
  auto file = make_case(draft, store.known_categories(), date_of(now));
  if (!file) return file.error();
  auto duplicates = store.possible_duplicates(actor, file->person, date_of(now));
  // Asked before the insert: the new case's own match row is not "elsewhere" anyway.
  const bool elsewhere = store.known_elsewhere(actor, file->person);
  auto saved = store.insert_case(actor, id, *file, now);
  if (!saved) return saved.error();
  ports.audit.record("case.create", "case", id);
  return CaseRegistered{std::move(*saved), std::move(duplicates), elsewhere};
}

}  // namespace enlace::core
