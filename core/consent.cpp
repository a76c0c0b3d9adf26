// Consent validation and coverage.
#include "core/consent.hpp"

#include <date/date.h>

#include <algorithm>

#include "core/field_checks.hpp"

namespace enlace::core {

namespace {

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

Timestamp add_months(Timestamp t, int months) {
  auto day = std::chrono::floor<date::days>(t);
  auto time_of_day = t - day;
  date::year_month_day ymd{day};
  date::year_month target = date::year_month{ymd.year(), ymd.month()} + date::months{months};
  auto last = date::year_month_day_last{target.year(), date::month_day_last{target.month()}};
  date::day d = std::min(ymd.day(), last.day());
  return Timestamp{date::sys_days{target.year() / target.month() / d} + time_of_day};
}

Result<Consent> make_consent(const ConsentDraft& d, std::span<const std::string> known_categories,
                             Timestamp now) {
  FieldErrors errors;
  std::optional<ConsentMethod> method;
  if (!d.method) errors.add("method", "is required");
  else if (!(method = parse_consent_method(*d.method)))
    errors.add("method", "must be verbal or written");

  // Besides the service categories, the scope that allows handing the case over.
  auto known_category = [&](const std::string& s) -> std::optional<std::string> {
    if (s == kCaseTransferScope) return s;
    if (std::find(known_categories.begin(), known_categories.end(), s) == known_categories.end())
      return std::nullopt;
    return s;
  };
  // That an organisation exists is storage's check; here only that an id was given.
  auto some_id = [](const std::string& s) -> std::optional<std::string> {
    if (s.empty()) return std::nullopt;
    return s;
  };
  auto categories =
      check_code_list<std::string>(errors, "categories", d.categories, known_category);
  auto organizations =
      check_code_list<std::string>(errors, "organizations", d.organizations, some_id);

  Timestamp expires = add_months(now, kDefaultConsentMonths);
  if (d.expires_at) {
    auto parsed = parse_timestamp(*d.expires_at);
    if (!parsed) errors.add("expires_at", "must be an RFC 3339 timestamp");
    else if (*parsed <= now) errors.add("expires_at", "must be in the future");
    else if (*parsed > add_months(now, kMaxConsentMonths))
      errors.add("expires_at", "must be at most 5 years ahead");
    else expires = *parsed;
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return Consent{"", *method, std::move(*categories), std::move(*organizations), now, expires,
                 std::nullopt};
}

Result<Consent> withdraw(Consent c, Timestamp now) {
  if (c.withdrawn_at) return Error::conflict("consent-withdrawn", "The consent is already withdrawn.");
  c.withdrawn_at = now;
  return c;
}

bool is_active(const Consent& c, Timestamp now) {
  if (c.withdrawn_at && *c.withdrawn_at <= now) return false;
  return now < c.expires_at;
}

bool covers(const Consent& c, std::string_view category, std::string_view organization_id,
            Timestamp now) {
  return is_active(c, now) && contains(c.categories, category) &&
         contains(c.organizations, organization_id);
}

}  // namespace enlace::core
