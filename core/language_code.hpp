// ISO 639-1 two-letter language codes (a person's languages, a service's languages).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace enlace::core {

// Only parse() builds one, so holding a LanguageCode means it is a listed code.
class LanguageCode {
 public:
  // Exactly two lowercase letters from ISO 639-1; "ES" and "spa" fail.
  static std::optional<LanguageCode> parse(std::string_view s);
  const std::string& str() const { return code_; }
  friend bool operator==(const LanguageCode&, const LanguageCode&) = default;

 private:
  explicit LanguageCode(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

std::size_t language_code_count();

}  // namespace enlace::core
