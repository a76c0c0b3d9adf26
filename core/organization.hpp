// An organisation of the network: its kind, home territory and optional parent.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/code_table.hpp"
#include "core/result.hpp"

namespace enlace::core {

enum class OrganizationKind {
  municipal_office, help_desk, national_agency, civil_society, international_organization,
  migrant_association, faith_based, academia, private_sector
};

// `private` is a C++ keyword, so its enumerator is private_sector; the API spelling is here.
inline constexpr CodeName<OrganizationKind> kOrganizationKindNames[] = {
    {OrganizationKind::municipal_office, "municipal_office"},
    {OrganizationKind::help_desk, "help_desk"},
    {OrganizationKind::national_agency, "national_agency"},
    {OrganizationKind::civil_society, "civil_society"},
    {OrganizationKind::international_organization, "international_organization"},
    {OrganizationKind::migrant_association, "migrant_association"},
    {OrganizationKind::faith_based, "faith_based"},
    {OrganizationKind::academia, "academia"},
    {OrganizationKind::private_sector, "private"}};

std::string_view to_string(OrganizationKind v);
std::optional<OrganizationKind> parse_organization_kind(std::string_view s);

// As typed (POST) or as the current record merged with a PATCH; nothing checked yet.
struct OrganizationDraft {
  std::optional<std::string> name, kind, territory_id, parent_id, email, phone;
  bool shares_cases_with_parent = false;
};

struct Organization {
  std::string name;
  OrganizationKind kind = OrganizationKind::municipal_office;
  std::string territory_id;
  std::optional<std::string> parent_id, email, phone;
  // The parent's caseworkers work this unit's cases as their own (one level; storage's
  // case_scope view applies it to every case query).
  bool shares_cases_with_parent = false;
  bool operator==(const Organization&) const = default;
};

Result<Organization> make_organization(const OrganizationDraft& d);

}  // namespace enlace::core
