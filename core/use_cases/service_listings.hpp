// Service listings (API.md, Directory and administration): any signed-in user reads and
// searches them; the org_admin of the owning organisation adds and changes them; that
// org_admin or a coordinator marks one verified. Each change is one transaction on the ports
// and leaves its "service.*" event; a refusal (403, 404, 412, 422) rolls back and leaves none
// (the directory is not personal data: its refusals were never audited).
#pragma once

#include "core/directory_patches.hpp"
#include "core/directory_records.hpp"
#include "core/ports/directory_store.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/service_listing.hpp"
#include "core/time.hpp"
#include "core/use_cases/directory_ports.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::core {

// Creating and editing listings at all: org_admin (the routes' gate, checked before the body is
// read, and again by the use cases); which organisation's, core::may_manage_services_of.
bool may_manage_services(const Actor& actor);

// POST /services: the draft names its organisation or is the actor's own, which must then be
// one whose services the actor manages. "service.create" on the new id.
Result<ServiceRecord> create_service(const DirectoryPorts& ports, const Actor& actor,
                                     ServiceDraft draft, const std::string& id, Timestamp now);

// PATCH /services/{id} at `version`: not_found, then forbidden (another organisation's
// listing), then stale, then the merged listing's checks; moving it to an organisation the
// actor does not manage is forbidden too. "service.update".
Result<ServiceRecord> update_service(const DirectoryPorts& ports, const Actor& actor,
                                     const std::string& id, std::int64_t version,
                                     const ServicePatch& patch, Timestamp now);

// POST /services/{id}/verify: last_verified_at = now. No version: it changes nothing a
// concurrent edit could lose. "service.verify".
Result<ServiceRecord> verify_service(const DirectoryPorts& ports, const Actor& actor,
                                     const std::string& id, Timestamp now);

// GET /services: `filter` as asked; "open now" and "stale" are judged at `now`. Up to
// filter.limit + 1 listings.
Result<std::vector<ServiceRecord>> find_services(DirectoryReader& reader, ServiceFilter filter,
                                                 Timestamp now);

// GET /services/{id}.
Result<ServiceRecord> read_service(DirectoryReader& reader, const std::string& id);

}  // namespace enlace::core
