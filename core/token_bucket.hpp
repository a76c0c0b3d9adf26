// The rules of a request rate limit: a token bucket that refills `per_minute` tokens a minute
// and holds at most a minute's worth, so a client may spend a minute's budget at once and then
// one request every 60/per_minute seconds. The in-memory limiter (gateway/limits.hpp) and the
// bucket the processes sharing a PostgreSQL database keep in it
// (storage/rate_bucket_repository.hpp) both follow these rules.
#pragma once

#include "core/time.hpp"

namespace enlace::core {

struct TokenBucket {
  double tokens = 0;
  Timestamp at{};  // when `tokens` was last brought up to date
};

// A bucket seen for the first time: full.
TokenBucket full_bucket(int per_minute, Timestamp now);

// Adds what accrued since `b.at`. Nothing when `now` is earlier (another process's clock may
// lag this one's by a little): time only moves the bucket forward.
void refill(TokenBucket& b, int per_minute, Timestamp now);

// Refills, then takes `wanted` tokens if the bucket holds them, else one if it holds one, else
// none. Returns how many it took.
int take_tokens(TokenBucket& b, int per_minute, int wanted, Timestamp now);

// Seconds until a bucket holding `tokens` holds one (at least 1; 0 when it already does).
int seconds_until_token(double tokens, int per_minute);

// How many tokens a process takes at once from a bucket that several processes share: a
// second's budget, at least one, so that a busy client costs the database one round trip per
// second rather than one per request, and no process holds more than a second's worth unused.
int lease_size(int per_minute);

}  // namespace enlace::core
