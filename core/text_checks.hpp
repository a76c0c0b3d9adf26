// Plain string checks shared by the validators: trimming, blankness, lengths, controls.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace enlace::core {

// Trims ASCII whitespace only: a form's stray spaces and newlines, never letters.
std::string trim(std::string_view s);
bool is_blank(std::string_view s);

// Code points in valid UTF-8 (what a user calls "characters" for a length limit).
std::size_t char_count(std::string_view utf8);

// C0/C1 controls and DEL, except tab/CR/LF when allow_newlines (multi-line notes).
bool has_control_chars(std::string_view utf8, bool allow_newlines);

}  // namespace enlace::core
