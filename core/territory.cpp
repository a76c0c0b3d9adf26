// Territory validation.
#include "core/territory.hpp"

#include "core/country_code.hpp"
#include "core/field_checks.hpp"
#include "core/time_zone.hpp"

namespace enlace::core {

std::string_view to_string(TerritoryLevel v) { return code_name(kTerritoryLevelNames, v); }
std::optional<TerritoryLevel> parse_territory_level(std::string_view s) {
  return parse_code(kTerritoryLevelNames, s);
}

namespace {

// ISO 3166-2 ("EC-P", "PH-ALB") and local codes ("LGP-01"): letters, digits and . _ -,
// starting with a letter or digit, at most 20 characters.
bool is_territory_code(std::string_view s) {
  if (s.empty() || s.size() > 20) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) return false;
  }
  return true;
}

}  // namespace

Result<Territory> make_territory(const TerritoryDraft& d) {
  FieldErrors errors;
  auto name = check_text(errors, "name", d.name, {.required = true, .max_chars = 200});
  std::optional<TerritoryLevel> level;
  if (!d.level)
    errors.add("level", "is required");
  else if (!(level = parse_territory_level(*d.level)))
    errors.add("level", "must be country, province, municipality or district");
  std::optional<std::string> code;
  if (d.code) {
    if (!is_territory_code(*d.code))
      errors.add("code", "must be an ISO 3166 code or a local code (letters, digits, - . _)");
    else if (level == TerritoryLevel::country && !CountryCode::parse(*d.code))
      errors.add("code", "of a country must be an ISO 3166-1 alpha-2 code");
    else
      code = *d.code;
  }
  if (d.time_zone && !is_time_zone_name(*d.time_zone))
    errors.add("time_zone", "must be an IANA time zone name such as America/Guayaquil");
  if (level == TerritoryLevel::country && d.parent_id)
    errors.add("parent_id", "a country has no parent");
  else if (level && *level != TerritoryLevel::country && !d.parent_id)
    errors.add("parent_id", "is required below country level");
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return Territory{*name, *level, d.parent_id, code, d.time_zone};
}

Result<void> check_territory_parent(TerritoryLevel child, TerritoryLevel parent) {
  if (static_cast<int>(parent) >= static_cast<int>(child))
    return Error::invalid_field("parent_id", "must be a territory of a higher level");
  return {};
}

}  // namespace enlace::core
