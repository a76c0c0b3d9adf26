// Organisations of the network (API.md, Directory and administration): any signed-in user
// reads them; a system_admin adds and changes them. Each change is one transaction on the
// ports and leaves its "organization.*" event; a refusal rolls back and leaves none.
#pragma once

#include "core/directory_patches.hpp"
#include "core/directory_records.hpp"
#include "core/organization.hpp"
#include "core/ports/directory_store.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/directory_ports.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::core {

// POST /organizations. "organization.create" on the new id.
Result<OrganizationRecord> create_organization(const DirectoryPorts& ports, const Actor& actor,
                                               const OrganizationDraft& draft,
                                               const std::string& id, Timestamp now);

// PATCH /organizations/{id} at `version`: not_found, then stale, then the merged
// organisation's checks. "organization.update".
Result<OrganizationRecord> update_organization(const DirectoryPorts& ports, const Actor& actor,
                                               const std::string& id, std::int64_t version,
                                               const OrganizationPatch& patch, Timestamp now);

// GET /organizations: ordered by id after the cursor, up to limit + 1.
Result<std::vector<OrganizationRecord>> list_organizations(DirectoryReader& reader,
                                                           const std::string& after, int limit);

// GET /organizations/{id}.
Result<OrganizationRecord> read_organization(DirectoryReader& reader, const std::string& id);

}  // namespace enlace::core
