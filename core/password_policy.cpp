// Password rule: see password_policy.hpp.
#include "core/password_policy.hpp"

#include "core/common_passwords.hpp"
#include "core/text_fold.hpp"

namespace enlace::core {

Result<void> check_password(std::string_view password, std::string_view field) {
  if (!is_valid_utf8(password))
    return Error::invalid_field(std::string(field), "must be valid UTF-8 text");
  auto n = code_points_nfc(password);
  if (n < kMinPasswordLength)
    return Error::invalid_field(std::string(field), "must be at least 12 characters");
  if (n > kMaxPasswordLength)
    return Error::invalid_field(std::string(field), "must be at most 128 characters");
  if (is_common_password(password))
    return Error::invalid_field(std::string(field),
                                "is too common: choose a longer phrase nobody else would use");
  return {};
}

}  // namespace enlace::core
