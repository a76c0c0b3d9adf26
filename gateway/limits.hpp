// In-memory limits: failed attempts (sign-ins, password and code checks) in a sliding window,
// reserved before the answer is checked, and request rates per key (token bucket).
// Thread-safe; state is per process and resets on restart.
#pragma once

#include "core/time.hpp"
#include "core/token_bucket.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace enlace::gateway {

class FailureLimiter;

// One attempt's reserved failure under each of its keys. Unless fail() is called, the
// reservation is released when the slot goes (a right answer, or an answer that is not a
// failure: a 503, "second factor required"). Empty (false) when the attempt was refused.
class FailureSlot {
 public:
  FailureSlot() = default;
  FailureSlot(FailureSlot&& other) noexcept;
  FailureSlot& operator=(FailureSlot&& other) noexcept;
  FailureSlot(const FailureSlot&) = delete;
  FailureSlot& operator=(const FailureSlot&) = delete;
  ~FailureSlot();

  explicit operator bool() const { return limiter_ != nullptr; }
  // Seconds until another attempt is allowed, when refused.
  int retry_after() const { return retry_after_; }
  // The answer was wrong: the reservation stays, counted as a failure for the window.
  void fail();

 private:
  friend class FailureLimiter;
  FailureSlot(FailureLimiter* limiter, std::vector<std::string> keys, std::uint64_t id)
      : limiter_(limiter), keys_(std::move(keys)), id_(id) {}
  explicit FailureSlot(int retry_after) : retry_after_(retry_after) {}
  void release();

  FailureLimiter* limiter_ = nullptr;
  std::vector<std::string> keys_;
  std::uint64_t id_ = 0;
  int retry_after_ = 0;
};

class FailureLimiter {
 public:
  // A key and how many failures it may hold in the window.
  struct Key {
    std::string name;
    int max_failures;
  };

  explicit FailureLimiter(std::chrono::seconds window) : window_(window) {}
  std::chrono::seconds window() const { return window_; }

  // Reserves one failure under every key at once, before the answer is checked, so that
  // parallel attempts count against each other as sequential ones do. Refused (an empty slot
  // with retry_after) when any key already holds its maximum, counting reservations.
  FailureSlot reserve(const std::vector<Key>& keys, core::Timestamp now);
  // Forgets the settled failures under `key` (a right answer); reservations in flight stay.
  void clear(const std::string& key);

 private:
  friend class FailureSlot;
  struct Entry {
    core::Timestamp at;
    std::uint64_t id;
    bool pending;  // reserved, answer not known yet
  };
  void prune(std::deque<Entry>& q, core::Timestamp now) const;
  void settle(const std::vector<std::string>& keys, std::uint64_t id);
  void release(const std::vector<std::string>& keys, std::uint64_t id);

  std::chrono::seconds window_;
  std::mutex mu_;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::string, std::deque<Entry>> failures_;
};

// Request rates per key, by core/token_bucket.hpp's rules, in this process's memory.
class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  // Takes one token; returns 0 when allowed, else seconds to wait.
  int take(const std::string& key, core::Timestamp now);
  // True when `key` has no token left now; takes nothing.
  bool exhausted(const std::string& key, core::Timestamp now);

 private:
  int per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, core::TokenBucket> buckets_;
};

}  // namespace enlace::gateway
