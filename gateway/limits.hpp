// In-memory limits: failed sign-ins per username/address in a window, and request rates per
// token/address (token bucket). Thread-safe; state is per process and resets on restart.
#pragma once

#include "core/time.hpp"

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace enlace::gateway {

class FailureLimiter {
 public:
  FailureLimiter(int max_failures, std::chrono::seconds window)
      : max_(max_failures), window_(window) {}

  // Seconds until another attempt is allowed, or 0 when allowed now.
  int retry_after(const std::string& key, core::Timestamp now);
  void record_failure(const std::string& key, core::Timestamp now);
  void clear(const std::string& key);

 private:
  void prune(std::deque<core::Timestamp>& q, core::Timestamp now);
  int max_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<core::Timestamp>> failures_;
};

class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  // Takes one token; returns 0 when allowed, else seconds to wait.
  int take(const std::string& key, core::Timestamp now);

 private:
  struct Bucket {
    double tokens;
    core::Timestamp at;
  };
  int per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace enlace::gateway
