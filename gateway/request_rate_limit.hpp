// Request rate limits (API.md "Limits, proxies and the web UI"): per signed-in user, and per
// client address for anyone else. On SQLite (one process per file) each key has a bucket in
// memory (RateLimiter). Where several processes share a PostgreSQL database (App::feed) each
// key has one bucket in the database (core::RateBuckets), so that a client
// spreading its requests over the processes gets the configured rate in all, not once per
// process. A process takes tokens from it a lease at a time (core::lease_size: a second's
// budget, at least one) and spends the lease from memory: a busy client costs one round trip per
// lease rather than one per request. A process keeps at most one lease per key unspent, so the
// processes together let through at most one lease each beyond the bucket. When the database
// cannot be reached the bucket in memory decides, per process, as on SQLite. Thread-safe.
#pragma once

#include "core/time.hpp"
#include "gateway/limits.hpp"

#include <boost/asio/awaitable.hpp>

#include <mutex>
#include <string>
#include <unordered_map>

namespace enlace::gateway {

class App;

class RequestRateLimit {
 public:
  // `scope` names the limit in the shared bucket's key ("user", "address").
  RequestRateLimit(std::string scope, int per_minute);

  // Takes one request's token: 0 when the request may go on, else the seconds to wait.
  boost::asio::awaitable<int> take(App& app, std::string key, core::Timestamp now);

 private:
  const std::string scope_;
  const int per_minute_;
  RateLimiter local_;
  std::mutex mu_;
  std::unordered_map<std::string, int> leased_;  // tokens taken from the database, unspent
  core::Timestamp last_forget_{};                // when idle buckets were last dropped
};

}  // namespace enlace::gateway
