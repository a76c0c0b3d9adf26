// Building the shared snapshot from a case and the fields the caseworker chose.
#include "core/shared_snapshot.hpp"

#include <algorithm>

#include "core/field_checks.hpp"

namespace enlace::core {

namespace {

template <class T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool has_need(const CaseFile& c, const std::string& category) {
  return std::any_of(c.needs.begin(), c.needs.end(),
                     [&](const Need& n) { return n.category == category; });
}

}  // namespace

NeedsChoice default_needs_choice(const CaseFile& c, const std::string& category) {
  NeedsChoice choice;
  if (has_need(c, category)) choice.needs.push_back(category);
  return choice;
}

Result<NeedsChoice> choose_needs(const CaseFile& c, const ReferralRequest& r) {
  NeedsChoice choice;
  FieldErrors errors;
  if (contains(r.shared_fields, SharedField::needs)) {
    if (!r.shared_needs) choice.needs = default_needs_choice(c, r.category).needs;
    for (std::size_t i = 0; r.shared_needs && i < r.shared_needs->size(); ++i) {
      const std::string& category = (*r.shared_needs)[i];
      if (has_need(c, category)) choice.needs.push_back(category);
      else errors.add(indexed("shared_needs", i), "is not a need of this case");
    }
  }
  if (contains(r.shared_fields, SharedField::specific_needs)) {
    for (std::size_t i = 0; r.shared_specific_needs && i < r.shared_specific_needs->size(); ++i) {
      SpecificNeed n = (*r.shared_specific_needs)[i];
      if (contains(c.specific_needs, n)) choice.specific_needs.push_back(n);
      else errors.add(indexed("shared_specific_needs", i), "is not a specific need of this case");
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return choice;
}

SharedSnapshot make_snapshot(const CaseFile& c, std::span<const SharedField> chosen,
                             const NeedsChoice& needs, Date today) {
  SharedSnapshot s;
  const Person& p = c.person;
  for (const auto& row : kSharedFieldNames) {
    if (std::find(chosen.begin(), chosen.end(), row.value) == chosen.end()) continue;
    s.fields.push_back(row.value);
    switch (row.value) {
      case SharedField::given_name: s.given_name = p.given_name; break;
      case SharedField::family_name: s.family_name = p.family_name; break;
      case SharedField::birth_date:
        if (p.age.birth_date) s.birth_date = p.age.birth_date;
        else s.estimated_age = p.age.age_on(today);
        break;
      case SharedField::sex: s.sex = p.sex; break;
      case SharedField::nationality: s.nationality = p.nationality; break;
      case SharedField::languages: s.languages = p.languages; break;
      case SharedField::phone:
        if (!p.phone.empty()) s.phone = p.phone;
        break;
      case SharedField::needs:
        s.needs.emplace();
        for (const auto& n : c.needs)
          if (contains(needs.needs, n.category)) s.needs->push_back(n);
        break;
      case SharedField::specific_needs:
        s.specific_needs.emplace();
        for (auto n : c.specific_needs)
          if (contains(needs.specific_needs, n)) s.specific_needs->push_back(n);
        break;
    }
  }
  return s;
}

}  // namespace enlace::core
