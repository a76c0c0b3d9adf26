// The clock handlers read "now" from. Tests inject time through a file so that expiry and
// overdue rules are tested without sleeping.
#pragma once

#include "core/time.hpp"

#include <string>

namespace enlace::gateway {

class Clock {
 public:
  // Empty path: the system clock. Otherwise the file holds an RFC 3339 instant, re-read when
  // it changes (tests only; the server says so loudly at start).
  explicit Clock(std::string test_file = "") : test_file_(std::move(test_file)) {}
  core::Timestamp now() const;
  bool is_test_clock() const { return !test_file_.empty(); }

 private:
  std::string test_file_;
};

}  // namespace enlace::gateway
