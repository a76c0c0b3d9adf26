// JSON arrays of strings as stored in TEXT columns (languages, categories, organisation ids).
// Storage has no JSON library; these columns only ever hold flat arrays of strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::storage {

std::string encode_string_array(const std::vector<std::string>& items);

// One JSON string literal with its quotes (for the keys of small stored objects).
std::string json_quote(std::string_view s);

// nullopt when the text is not a flat JSON array of strings.
std::optional<std::vector<std::string>> decode_string_array(std::string_view text);

}  // namespace enlace::storage
