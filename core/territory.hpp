// A territory of the directory's tree (country > province > municipality > district).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/code_table.hpp"
#include "core/result.hpp"

namespace enlace::core {

// Declaration order is the tree's order: a parent's level is always earlier than its child's.
enum class TerritoryLevel { country, province, municipality, district };

inline constexpr CodeName<TerritoryLevel> kTerritoryLevelNames[] = {
    {TerritoryLevel::country, "country"},
    {TerritoryLevel::province, "province"},
    {TerritoryLevel::municipality, "municipality"},
    {TerritoryLevel::district, "district"}};

std::string_view to_string(TerritoryLevel v);
std::optional<TerritoryLevel> parse_territory_level(std::string_view s);

// As typed in POST /territories; nothing checked yet.
struct TerritoryDraft {
  std::optional<std::string> name, level, parent_id, code, time_zone;
};

struct Territory {
  std::string name;
  TerritoryLevel level = TerritoryLevel::country;
  std::optional<std::string> parent_id;
  std::optional<std::string> code;       // ISO 3166-1/3166-2 or a local code
  std::optional<std::string> time_zone;  // IANA name; absent: the parent's applies
};

// Checks the fields on their own. A country has no parent; every other level needs one.
Result<Territory> make_territory(const TerritoryDraft& d);

// The parent must sit higher in the tree (a province under a country, not the reverse).
Result<void> check_territory_parent(TerritoryLevel child, TerritoryLevel parent);

}  // namespace enlace::core
