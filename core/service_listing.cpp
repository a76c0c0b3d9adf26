// Service listing validation and the stale rule.
#include "core/service_listing.hpp"

#include "core/field_checks.hpp"
#include "core/language_code.hpp"
#include "core/text_fold.hpp"

#include <algorithm>
#include <utility>

namespace enlace::core {

std::string_view to_string(ServiceStatus v) { return code_name(kServiceStatusNames, v); }
std::optional<ServiceStatus> parse_service_status(std::string_view s) {
  return parse_code(kServiceStatusNames, s);
}

namespace {

std::optional<std::string> non_empty(std::optional<std::string> s) {
  if (!s || s->empty()) return std::nullopt;
  return s;
}

// A count in [0, max]; nullopt when absent or after an error.
std::optional<int> check_count(FieldErrors& errors, const char* path,
                               const std::optional<std::int64_t>& v, std::int64_t max) {
  if (!v) return std::nullopt;
  if (*v < 0 || *v > max) {
    errors.add(path, "must be between 0 and " + std::to_string(max));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

constexpr std::size_t kMaxScheduleEntries = 50;

std::vector<OpeningPeriod> check_schedule(FieldErrors& errors,
                                          const std::optional<std::vector<OpeningDraft>>& d) {
  std::vector<OpeningPeriod> out;
  if (!d) return out;
  if (d->size() > kMaxScheduleEntries) {
    errors.add("schedule", "has more than 50 entries");
    return out;
  }
  for (std::size_t i = 0; i < d->size(); ++i) {
    const auto& e = (*d)[i];
    const std::string at = indexed("schedule", i);
    OpeningPeriod p;
    bool ok = true;
    if (!e.weekday || *e.weekday < 1 || *e.weekday > 7) {
      errors.add(at + ".weekday", "must be 1 (Monday) to 7 (Sunday)");
      ok = false;
    } else {
      p.weekday = static_cast<int>(*e.weekday);
    }
    // Plain ints (-1 = bad): GCC 12 misreads optionals here as maybe uninitialised.
    int o = -1, c = -1;
    if (e.opens)
      if (auto v = parse_time_of_day(*e.opens)) o = *v;
    if (e.closes)
      if (auto v = parse_time_of_day(*e.closes, true)) c = *v;
    if (o < 0) errors.add(at + ".opens", "must be a time HH:MM (00:00 to 23:59)");
    if (c < 0) errors.add(at + ".closes", "must be a time HH:MM (00:00 to 24:00)");
    if (o >= 0 && o == c)
      errors.add(at + ".closes", "must differ from opens (00:00 to 24:00 is the whole day)");
    if (!ok || o < 0 || c < 0 || o == c) continue;
    p.opens = o;
    p.closes = c;
    out.push_back(p);
  }
  std::sort(out.begin(), out.end(), [](const OpeningPeriod& a, const OpeningPeriod& b) {
    return std::pair(a.weekday, a.opens) < std::pair(b.weekday, b.opens);
  });
  return out;
}

std::optional<GeoPoint> check_location(FieldErrors& errors, const std::optional<GeoPointDraft>& d) {
  if (!d) return std::nullopt;
  bool ok = true;
  if (!d->lat || !(*d->lat >= -90 && *d->lat <= 90)) {
    errors.add("location.lat", "must be a latitude from -90 to 90");
    ok = false;
  }
  if (!d->lon || !(*d->lon >= -180 && *d->lon <= 180)) {
    errors.add("location.lon", "must be a longitude from -180 to 180");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return GeoPoint{*d->lat, *d->lon};
}

// A phone number as people write it: digits with +, spaces, dots, dashes, brackets or "ext".
bool looks_like_phone(const std::string& s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') ++digits;
    else if (std::string_view(" +-.()/extEXT").find(c) == std::string_view::npos) return false;
  }
  return digits >= 3;
}

}  // namespace

Result<ServiceListing> make_service_listing(const ServiceDraft& d, Timestamp now) {
  FieldErrors errors;
  ServiceListing s;
  if (!d.organization_id || d.organization_id->empty())
    errors.add("organization_id", "is required");
  else
    s.organization_id = *d.organization_id;
  if (!d.category || d.category->empty())
    errors.add("category", "is required");
  else
    s.category = *d.category;
  auto name = check_text(errors, "name", d.name, {.required = true, .max_chars = 200});
  auto description =
      check_text(errors, "description", d.description, {.max_chars = 4000, .multiline = true});
  auto eligibility =
      check_text(errors, "eligibility", d.eligibility, {.max_chars = 2000, .multiline = true});
  s.min_age = check_count(errors, "min_age", d.min_age, kMaxServiceAge);
  s.max_age = check_count(errors, "max_age", d.max_age, kMaxServiceAge);
  if (s.min_age && s.max_age && *s.min_age > *s.max_age)
    errors.add("max_age", "must not be below min_age");

  if (!d.languages)
    errors.add("languages", "is required (list the languages the service is offered in)");
  else if (auto langs = check_code_list<LanguageCode>(errors, "languages", d.languages,
                                                      LanguageCode::parse))
    for (const auto& l : *langs) s.languages.push_back(l.str());

  if (!d.territory_ids || d.territory_ids->empty()) {
    errors.add("territory_ids", "is required (at least one territory the service covers)");
  } else {
    for (std::size_t i = 0; i < d.territory_ids->size(); ++i) {
      const auto& id = (*d.territory_ids)[i];
      bool repeated = false;
      for (const auto& seen : s.territory_ids) repeated = repeated || seen == id;
      if (id.empty() || repeated)
        errors.add(indexed("territory_ids", i), id.empty() ? "is empty" : "is listed twice");
      else
        s.territory_ids.push_back(id);
    }
  }

  auto hours = check_text(errors, "hours", d.hours, {.max_chars = 500, .multiline = true});
  if (d.required_documents) {
    for (std::size_t i = 0; i < d.required_documents->size(); ++i) {
      auto doc = check_text(errors, indexed("required_documents", i), (*d.required_documents)[i],
                            {.required = true, .max_chars = 200});
      if (doc) s.required_documents.push_back(*doc);
    }
  }
  auto fees = check_text(errors, "fees", d.fees, {.max_chars = 500, .multiline = true});
  auto how = check_text(errors, "how_to_apply", d.how_to_apply, {.max_chars = 2000, .multiline = true});

  if (!d.status)
    errors.add("status", "is required");
  else if (auto st = parse_service_status(*d.status))
    s.status = *st;
  else
    errors.add("status", "must be active, temporarily_closed or inactive");
  s.capacity_available =
      check_count(errors, "capacity_available", d.capacity_available, 1000000);
  if (!d.accepting)
    errors.add("accepting", "is required");
  else
    s.accepting = *d.accepting;
  s.expected_wait_days = check_count(errors, "expected_wait_days", d.expected_wait_days, 3650);

  if (d.last_verified_at) {
    std::optional<Timestamp> t = parse_timestamp(*d.last_verified_at);
    if (!t)
      if (auto day = parse_date(*d.last_verified_at)) t = Timestamp{*day};
    if (!t)
      errors.add("last_verified_at", "must be an RFC 3339 timestamp or a date");
    else if (*t > now)
      errors.add("last_verified_at", "is in the future");
    else
      s.last_verified_at = t;
  }
  auto address = check_text(errors, "address", d.address, {.max_chars = 500, .multiline = true});
  auto phone = check_text(errors, "phone", d.phone, {.max_chars = 50});
  if (phone && !phone->empty() && !looks_like_phone(*phone))
    errors.add("phone", "must be a phone number (digits, +, spaces, dashes, brackets)");
  s.location = check_location(errors, d.location);
  s.schedule = check_schedule(errors, d.schedule);
  if (!errors.empty()) return Error::invalid(std::move(errors));

  s.name = *name;
  s.address = non_empty(address);
  s.phone = non_empty(phone);
  s.description = non_empty(description);
  s.eligibility = non_empty(eligibility);
  s.hours = non_empty(hours);
  s.fees = non_empty(fees);
  s.how_to_apply = non_empty(how);
  s.name_key = fold_for_search(s.name + " " + s.description.value_or(""));
  return s;
}

bool is_open_now(const ServiceListing& s, std::string_view zone, Timestamp now) {
  return is_open_at(s.schedule, zone, now);
}

bool is_stale(const std::optional<Timestamp>& last_verified_at, Timestamp now) {
  return !last_verified_at || now - *last_verified_at > kStaleAfter;
}

}  // namespace enlace::core
