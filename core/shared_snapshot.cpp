// Building the shared snapshot from a case and the fields the caseworker chose.
#include "core/shared_snapshot.hpp"

#include <algorithm>

namespace enlace::core {

SharedSnapshot make_snapshot(const CaseFile& c, std::span<const SharedField> chosen, Date today) {
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
      case SharedField::needs: s.needs = c.needs; break;
      case SharedField::specific_needs: s.specific_needs = c.specific_needs; break;
    }
  }
  return s;
}

}  // namespace enlace::core
