// `enlace directory import` (API.md, Interoperability): an HSDS export read back into the
// directory, in one transaction (the caller's), all or nothing. Territories and categories
// are added when missing and never changed (the network's own tree and codes are edited
// through the API); organisations and services are added, or updated when they differ, each
// leaving the same event the API's change leaves. Errors name the record's place in the file.
#pragma once

#include "core/organization.hpp"
#include "core/result.hpp"
#include "core/service_listing.hpp"
#include "core/territory.hpp"
#include "core/time.hpp"
#include "core/use_cases/directory_ports.hpp"

#include <string>
#include <utility>
#include <vector>

namespace enlace::core {

// The file, checked field by field but not yet against the database.
struct DirectoryImport {
  struct TerritoryEntry {
    std::string id;
    Territory territory;
  };
  struct OrganizationEntry {
    std::string id;
    OrganizationDraft draft;
  };
  struct ServiceEntry {
    std::string id;
    ServiceDraft draft;
  };
  std::vector<TerritoryEntry> territories;        // parents before children, no repeats
  std::vector<OrganizationEntry> organizations;   // no repeats, parents before children
  std::vector<std::pair<std::string, std::string>> categories;  // code, name
  std::vector<ServiceEntry> services;
};

struct ImportTally {
  int added = 0, updated = 0, unchanged = 0;
};

struct DirectoryImportResult {
  ImportTally territories, organizations, categories, services;
};

// The first error ends the import (the caller rolls back): a field error is renamed under
// its record, `territory ID: `, `organization ID: ` or `[INDEX].` for the file's services.
Result<DirectoryImportResult> import_directory(const DirectoryPorts& ports,
                                               const DirectoryImport& file, Timestamp now);

}  // namespace enlace::core
