// Laying a PATCH over a case: see case_patch.hpp.
#include "core/case_patch.hpp"

namespace enlace::core {

namespace {

template <class T>
void lay(std::optional<T>& field, const Sent<T>& sent) {
  if (sent) field = *sent;
}

CaseDraft draft_of(const CaseFile& cur) {
  CaseDraft d;
  const auto& p = cur.person;
  d.person.given_name = p.given_name;
  d.person.family_name = p.family_name;
  if (p.age.birth_date) d.person.birth_date = format_date(*p.age.birth_date);
  if (p.age.estimated_age) d.person.estimated_age = *p.age.estimated_age;
  d.person.sex = std::string(to_string(p.sex));
  d.person.nationality = p.nationality.str();
  d.person.migratory_status = std::string(to_string(p.migratory_status));
  d.person.phone = p.phone;
  d.person.languages.emplace();
  for (const auto& l : p.languages) d.person.languages->push_back(l.str());
  d.territory_id = cur.territory_id;
  d.specific_needs.emplace();
  for (auto s : cur.specific_needs) d.specific_needs->emplace_back(to_string(s));
  d.needs.emplace();
  for (const auto& n : cur.needs)
    d.needs->push_back({n.category, std::string(to_string(n.urgency)), n.note,
                        std::string(to_string(n.status)), n.id});
  d.notes = cur.notes;
  return d;
}

}  // namespace

CaseDraft patched_draft(const CaseFile& current, const CasePatch& patch, FieldErrors& errors) {
  CaseDraft d = draft_of(current);
  const PersonPatch& p = patch.person;
  if (p.touches_age) {
    d.person.birth_date = p.birth_date;
    d.person.estimated_age = p.estimated_age;
  }
  lay(d.person.given_name, p.given_name);
  lay(d.person.family_name, p.family_name);
  lay(d.person.sex, p.sex);
  lay(d.person.nationality, p.nationality);
  lay(d.person.migratory_status, p.migratory_status);
  lay(d.person.phone, p.phone);
  lay(d.person.languages, p.languages);
  lay(d.territory_id, patch.territory_id);
  lay(d.specific_needs, patch.specific_needs);
  FieldErrors merge_errors;
  if (patch.needs) {
    if (*patch.needs) d.needs = merge_needs(current.needs, **patch.needs, merge_errors);
    else d.needs.reset();
  }
  lay(d.notes, patch.notes);
  const auto& own = patch.errors.items();
  const std::size_t at = std::min(patch.needs_errors_at, own.size());
  for (std::size_t i = 0; i < at; ++i) errors.add(own[i].field, own[i].message);
  errors.append(merge_errors);
  for (std::size_t i = at; i < own.size(); ++i) errors.add(own[i].field, own[i].message);
  return d;
}

}  // namespace enlace::core
