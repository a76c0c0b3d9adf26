// Result<T>: a value or a core::Error, the only way errors cross a layer.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace enlace::core {

enum class ErrorCode { invalid, not_found, forbidden, conflict, stale, busy, internal };

struct FieldError {
  std::string field;    // dotted path as in the request body, e.g. "person.birth_date"
  std::string message;  // never repeats what the user typed
};

class FieldErrors {
 public:
  void add(std::string field, std::string message) {
    items_.push_back({std::move(field), std::move(message)});
  }
  bool empty() const { return items_.empty(); }
  const std::vector<FieldError>& items() const { return items_; }
  void append(const FieldErrors& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }

 private:
  std::vector<FieldError> items_;
};

// `type` is the problem slug (e.g. "illegal-transition"); empty means the code's default.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string type;
  std::string detail;
  FieldErrors fields;
  // What went wrong inside, for the server's log with the request id; never sent to a client.
  std::string cause = {};

  static Error invalid(FieldErrors f, std::string detail = "The request has invalid fields.") {
    return {ErrorCode::invalid, "", std::move(detail), std::move(f), {}};
  }
  static Error invalid_field(std::string field, std::string message) {
    FieldErrors f;
    f.add(std::move(field), std::move(message));
    return invalid(std::move(f));
  }
  static Error not_found(std::string what) {
    return {ErrorCode::not_found, "", "No such " + std::move(what) + ".", {}, {}};
  }
  static Error forbidden(std::string detail = "You are not allowed to do this.",
                         std::string type = "") {
    return {ErrorCode::forbidden, std::move(type), std::move(detail), {}, {}};
  }
  static Error conflict(std::string type, std::string detail) {
    return {ErrorCode::conflict, std::move(type), std::move(detail), {}, {}};
  }
  static Error stale() {
    return {ErrorCode::stale, "", "The record changed since you read it; reload and retry.", {}, {}};
  }
  static Error busy() { return {ErrorCode::busy, "", "The server is busy; retry shortly.", {}, {}}; }
  static Error internal(std::string detail = "Internal error.") {
    return {ErrorCode::internal, "", std::move(detail), {}, {}};
  }
};

// Spelled like std::expected so that C++23 can make it an alias.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}
  bool has_value() const { return !e_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Error& error() const& { return *e_; }
  Error&& error() && { return std::move(*e_); }

 private:
  std::optional<Error> e_;
};

}  // namespace enlace::core
