// ISO 3166-1 alpha-2 country codes (nationality, territory codes).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace enlace::core {

// Only parse() builds one, so holding a CountryCode means it is an assigned code.
class CountryCode {
 public:
  // Exactly two uppercase letters naming an officially assigned code; "es" and "XK" fail.
  static std::optional<CountryCode> parse(std::string_view s);
  const std::string& str() const { return code_; }
  friend bool operator==(const CountryCode&, const CountryCode&) = default;

 private:
  explicit CountryCode(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

// How many codes are officially assigned (249); exposed so the test notices a short list.
std::size_t assigned_country_code_count();

}  // namespace enlace::core
