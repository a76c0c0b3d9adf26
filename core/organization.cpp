// Organisation validation.
#include "core/organization.hpp"

#include "core/field_checks.hpp"

namespace enlace::core {

std::string_view to_string(OrganizationKind v) { return code_name(kOrganizationKindNames, v); }
std::optional<OrganizationKind> parse_organization_kind(std::string_view s) {
  return parse_code(kOrganizationKindNames, s);
}

namespace {

// Digits with the usual separators and an optional leading +.
bool looks_like_phone(std::string_view s) {
  int digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '+' && i == 0) continue;
    else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') return false;
  }
  return digits >= 5 && digits <= 20;
}

}  // namespace

Result<Organization> make_organization(const OrganizationDraft& d) {
  FieldErrors errors;
  auto name = check_text(errors, "name", d.name, {.required = true, .max_chars = 200});
  std::optional<OrganizationKind> kind;
  if (!d.kind)
    errors.add("kind", "is required");
  else if (!(kind = parse_organization_kind(*d.kind)))
    errors.add("kind", "is not a known kind of organisation");
  if (!d.territory_id || d.territory_id->empty()) errors.add("territory_id", "is required");
  auto email = check_text(errors, "email", d.email, {.max_chars = 254});
  if (email && !email->empty() && !looks_like_email(*email))
    errors.add("email", "must be an e-mail address");
  auto phone = check_text(errors, "phone", d.phone, {.max_chars = 40});
  if (phone && !phone->empty() && !looks_like_phone(*phone))
    errors.add("phone", "must be a phone number (digits, spaces, + - ( ) .)");
  if (d.shares_cases_with_parent && (!d.parent_id || d.parent_id->empty()))
    errors.add("shares_cases_with_parent", "needs a parent_id to share with");
  if (!errors.empty()) return Error::invalid(std::move(errors));
  auto opt = [](const std::optional<std::string>& s) -> std::optional<std::string> {
    if (!s || s->empty()) return std::nullopt;
    return s;
  };
  return Organization{*name,         *kind,      *d.territory_id,
                      opt(d.parent_id), opt(email), opt(phone),
                      d.shares_cases_with_parent};
}

}  // namespace enlace::core
