// The contact fields of an account, read the same way by POST/PATCH /users and PATCH /me.
#pragma once

#include "gateway/json_body.hpp"

#include <optional>
#include <string>

namespace enlace::gateway {

struct ContactFields {
  // Absent: unchanged. Null or "": the address is removed. Else a plausible address.
  std::optional<std::optional<std::string>> email;
  // Absent: unchanged. Null: back to the deployment's default (stored as ""). Else one of the
  // UI's languages.
  std::optional<std::string> language;
};

// Their entries in a body's field table (FieldReader::only() and the OpenAPI document).
inline constexpr BodyField kEmailField{"email", BodyField::text, false, 254, true};
inline constexpr BodyField kLanguageField{"language", BodyField::text, false, 10, true,
                                          "es en fr pt ht fil"};

// Errors land in the reader's errors, named "email" and "language".
ContactFields read_contact_fields(FieldReader& f);

}  // namespace enlace::gateway
