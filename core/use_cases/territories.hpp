// Territories, the directory's tree (API.md, Directory and administration): any signed-in
// user reads it; a system_admin adds to it, leaving a "territory.create" event; a refusal
// rolls back and leaves none.
#pragma once

#include "core/directory_records.hpp"
#include "core/ports/directory_store.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/territory.hpp"
#include "core/time.hpp"
#include "core/use_cases/directory_ports.hpp"

#include <string>
#include <vector>

namespace enlace::core {

// POST /territories: the draft's checks, then the parent's (it exists, at a higher level).
Result<TerritoryRecord> create_territory(const DirectoryPorts& ports, const Actor& actor,
                                         const TerritoryDraft& draft, const std::string& id,
                                         Timestamp now);

// GET /territories: ordered by id after the cursor (one node's children with parent_id), up
// to limit + 1.
Result<std::vector<TerritoryRecord>> list_territories(DirectoryReader& reader,
                                                      const TerritoryFilter& filter);

}  // namespace enlace::core
