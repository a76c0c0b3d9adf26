// Possible-duplicate detection, kept a pure function so the warning is easy to test.
#include "core/duplicate_match.hpp"

#include <cstdlib>

#include "core/text_fold.hpp"

namespace enlace::core {

Identity identity_of(const Person& p) { return {p.given_name, p.family_name, p.age}; }

std::string duplicate_key(std::string_view given_name, std::string_view family_name) {
  // Joining before folding makes "Ana María" + "" and "Ana" + "María" one key: help desks
  // split compound names differently, and a missed duplicate costs more than a false alarm.
  std::string full(given_name);
  full += ' ';
  full += family_name;
  return fold_for_search(full);
}

bool is_possible_duplicate(const Identity& a, const Identity& b, Date today) {
  if (duplicate_key(a.given_name, a.family_name) != duplicate_key(b.given_name, b.family_name))
    return false;
  if (a.age.birth_date && b.age.birth_date) return *a.age.birth_date == *b.age.birth_date;
  return std::abs(a.age.age_on(today) - b.age.age_on(today)) <= 1;
}

}  // namespace enlace::core
