// Service categories (API.md, Directory and administration): data, not code. Any signed-in
// user reads them; a system_admin adds one, leaving a "category.create" event; a refusal
// rolls back and leaves none.
#pragma once

#include "core/directory_records.hpp"
#include "core/ports/directory_store.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/directory_ports.hpp"

#include <string>
#include <vector>

namespace enlace::core {

// As typed; both present (the body's reader requires them).
struct CategoryDraft {
  std::string code, name;
};

// POST /categories: the code ^[a-z][a-z0-9_]{1,39}$ and a name of at most 100 characters
// (both named at once when wrong), and a code not taken.
Result<CategoryRecord> create_category(const DirectoryPorts& ports, const Actor& actor,
                                       const CategoryDraft& draft, Timestamp now);

// GET /categories: every category after the cursor (a code), ordered by code; the renderer
// cuts the page. A dozen or so rows: paged in memory.
Result<std::vector<CategoryRecord>> list_categories(DirectoryReader& reader,
                                                    const std::string& after);

}  // namespace enlace::core
