// The password rule of API.md (NIST SP 800-63B): 12 to 128 code points after NFC, any
// Unicode, no composition rules, not a commonly used password.
#pragma once

#include "core/result.hpp"

#include <string_view>

namespace enlace::core {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

// `field` names the offending field in the error ("password", "new_password").
Result<void> check_password(std::string_view password, std::string_view field);

}  // namespace enlace::core
