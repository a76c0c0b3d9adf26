// The limits counted together by the processes that share one PostgreSQL database
// (API.md "PostgreSQL"): the failures of guesses (gateway/shared_failures.hpp) and the request
// rate buckets (gateway/request_rate_limit.hpp). Keys are a limiter's key names; the adapters
// store only their digests. The SQL adapters are storage/sql_shared_limits.hpp.
#pragma once

#include "core/time.hpp"

#include <string>
#include <vector>

namespace enlace::core {

struct FailureCount {
  int failures = 0;
  Timestamp oldest{};  // of those counted; meaningless when there are none
};

// Bound to one read snapshot.
class FailureCountReader {
 public:
  virtual ~FailureCountReader() = default;
  // For each key, in the order given: the failures recorded after `since`.
  virtual std::vector<FailureCount> recent_failures(const std::vector<std::string>& keys,
                                                    Timestamp since) = 0;
};

// Bound to one write transaction (the one that audits the attempt).
class FailureCountStore {
 public:
  virtual ~FailureCountStore() = default;
  // One failure under each key at `now`; drops every failure recorded at or before
  // `forget_until` (out of every window).
  virtual void record_failure(const std::vector<std::string>& keys, Timestamp now,
                              Timestamp forget_until) = 0;
  // Forgets the failures under `key` (a right answer).
  virtual void clear_failures(const std::string& key) = 0;
};

struct RateTaken {
  int taken = 0;      // tokens granted: `wanted`, one, or none (core::take_tokens)
  double tokens = 0;  // left in the bucket afterwards
};

// Bound to one short write transaction of its own.
class RateBuckets {
 public:
  virtual ~RateBuckets() = default;
  // Takes from the bucket of `key` (full when first seen) at `now` (core/token_bucket.hpp).
  virtual RateTaken take_tokens(const std::string& key, int per_minute, int wanted,
                                Timestamp now) = 0;
  // Drops the buckets untouched since before `before` (full again: as good as absent).
  virtual void forget_idle(Timestamp before) = 0;
};

}  // namespace enlace::core
