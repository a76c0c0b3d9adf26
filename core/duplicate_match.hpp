// The possible-duplicate rule: same folded names and the same birth date or ages within a year.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/person.hpp"
#include "core/time.hpp"

namespace enlace::core {

// What the rule looks at; storage builds it from a stored case without loading the rest.
struct Identity {
  std::string given_name, family_name;  // as stored; folded here
  AgeBasis age;
};

Identity identity_of(const Person& p);

// Folded "given family" (accents, case and spacing ignored). Storage indexes this column
// per organisation and looks up candidates by equality before applying the full rule.
std::string duplicate_key(std::string_view given_name, std::string_view family_name);

// Same duplicate_key, and either both birth dates are known and equal, or (when at least one
// age is an estimate) the ages on `today` differ by at most one year.
bool is_possible_duplicate(const Identity& a, const Identity& b, Date today);

}  // namespace enlace::core
