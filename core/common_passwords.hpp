// Commonly used passwords (those of 12+ characters from public breach lists), refused at
// every password set. The list lives in core/common_passwords.cpp.
#pragma once

#include <string_view>

namespace enlace::core {

bool is_common_password(std::string_view password);  // case-insensitive

}  // namespace enlace::core
