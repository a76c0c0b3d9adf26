// Service categories: see categories.hpp.
#include "core/use_cases/categories.hpp"

#include "core/directory_access.hpp"
#include "core/field_checks.hpp"

#include <utility>

namespace enlace::core {

Result<CategoryRecord> create_category(const DirectoryPorts& ports, const Actor& actor,
                                       const CategoryDraft& draft, Timestamp now) {
  if (!may_administer_network(actor)) return Error::forbidden();
  FieldErrors errors;
  if (!is_valid_category_code(draft.code))
    errors.add("code", "must be 2 to 40 lowercase letters, digits or _, starting with a letter");
  auto name = check_text(errors, "name", draft.name, {.required = true, .max_chars = 100});
  if (!errors.empty()) return Error::invalid(std::move(errors));
  auto saved = ports.store.insert_category(CategoryRecord{draft.code, *name, now});
  if (!saved) return saved.error();
  ports.audit.record("category.create", "category", draft.code);
  return saved;
}

Result<std::vector<CategoryRecord>> list_categories(DirectoryReader& reader,
                                                    const std::string& after) {
  auto all = reader.categories();
  std::vector<CategoryRecord> out;
  for (auto& c : all)
    if (c.code > after) out.push_back(std::move(c));
  return out;
}

}  // namespace enlace::core
