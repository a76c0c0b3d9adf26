// Merging a PATCH over a listing or an organisation: see directory_patches.hpp.
#include "core/directory_patches.hpp"

namespace enlace::core {

namespace {

template <class T>
std::optional<std::int64_t> widen(const std::optional<T>& v) {
  if (v) return *v;
  return std::nullopt;
}

}  // namespace

ServiceDraft draft_of(const ServiceListing& s) {
  ServiceDraft d;
  d.organization_id = s.organization_id;
  d.category = s.category;
  d.name = s.name;
  d.description = s.description;
  d.eligibility = s.eligibility;
  d.min_age = widen(s.min_age);
  d.max_age = widen(s.max_age);
  d.languages = s.languages;
  d.territory_ids = s.territory_ids;
  d.hours = s.hours;
  d.required_documents = s.required_documents;
  d.fees = s.fees;
  d.how_to_apply = s.how_to_apply;
  d.status = std::string(to_string(s.status));
  d.capacity_available = widen(s.capacity_available);
  d.address = s.address;
  d.phone = s.phone;
  if (s.location) d.location = GeoPointDraft{s.location->lat, s.location->lon};
  d.schedule.emplace();
  for (const auto& p : s.schedule)
    d.schedule->push_back({p.weekday, format_time_of_day(p.opens), format_time_of_day(p.closes)});
  d.accepting = s.accepting;
  d.expected_wait_days = widen(s.expected_wait_days);
  if (s.last_verified_at) d.last_verified_at = format_timestamp(*s.last_verified_at);
  return d;
}

void apply_patch(ServiceDraft& d, const ServicePatch& p) {
  const ServiceDraft& v = p.values;
  p.take("organization_id", d.organization_id, v.organization_id);
  p.take("category", d.category, v.category);
  p.take("name", d.name, v.name);
  p.take("description", d.description, v.description);
  p.take("eligibility", d.eligibility, v.eligibility);
  p.take("min_age", d.min_age, v.min_age);
  p.take("max_age", d.max_age, v.max_age);
  p.take("languages", d.languages, v.languages);
  p.take("territory_ids", d.territory_ids, v.territory_ids);
  p.take("hours", d.hours, v.hours);
  p.take("required_documents", d.required_documents, v.required_documents);
  p.take("fees", d.fees, v.fees);
  p.take("how_to_apply", d.how_to_apply, v.how_to_apply);
  p.take("status", d.status, v.status);
  p.take("capacity", d.capacity_available, v.capacity_available);
  p.take("capacity_available", d.capacity_available, v.capacity_available);
  p.take("address", d.address, v.address);
  p.take("phone", d.phone, v.phone);
  p.take("location", d.location, v.location);
  p.take("schedule", d.schedule, v.schedule);
  p.take("accepting", d.accepting, v.accepting);
  p.take("expected_wait_days", d.expected_wait_days, v.expected_wait_days);
  p.take("last_verified_at", d.last_verified_at, v.last_verified_at);
}

OrganizationDraft draft_of(const Organization& o) {
  return {o.name,  std::string(to_string(o.kind)), o.territory_id, o.parent_id, o.email,
          o.phone, o.shares_cases_with_parent,       o.external};
}

void apply_patch(OrganizationDraft& d, const OrganizationPatch& p) {
  const OrganizationDraft& v = p.values;
  p.take("name", d.name, v.name);
  p.take("kind", d.kind, v.kind);
  p.take("territory_id", d.territory_id, v.territory_id);
  p.take("parent_id", d.parent_id, v.parent_id);
  p.take("email", d.email, v.email);
  p.take("phone", d.phone, v.phone);
  p.take("shares_cases_with_parent", d.shares_cases_with_parent, v.shares_cases_with_parent);
  p.take("external", d.external, v.external);
}

}  // namespace enlace::core
