// Commonly used passwords of 12+ characters (the shapes that dominate public breach lists),
// refused at every password set. Generated list: core/common_passwords_list.inc.
#pragma once

#include <span>
#include <string_view>

namespace enlace::core {

// Case- and accent-insensitive; spaces do not help ("pass word 1234 5678").
bool is_common_password(std::string_view password);

// The folded, sorted entries (for tests).
std::span<const std::string_view> common_passwords();

}  // namespace enlace::core
