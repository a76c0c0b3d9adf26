// Token bucket rules: see token_bucket.hpp.
#include "core/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace enlace::core {

TokenBucket full_bucket(int per_minute, Timestamp now) {
  return {static_cast<double>(per_minute), now};
}

void refill(TokenBucket& b, int per_minute, Timestamp now) {
  if (now <= b.at) return;
  double seconds = std::chrono::duration<double>(now - b.at).count();
  b.tokens = std::min<double>(per_minute, b.tokens + seconds * per_minute / 60.0);
  b.at = now;
}

int take_tokens(TokenBucket& b, int per_minute, int wanted, Timestamp now) {
  refill(b, per_minute, now);
  int taken = b.tokens >= wanted ? wanted : b.tokens >= 1.0 ? 1 : 0;
  b.tokens -= taken;
  return taken;
}

int seconds_until_token(double tokens, int per_minute) {
  if (tokens >= 1.0 || per_minute <= 0) return 0;
  return std::max(1, static_cast<int>(std::ceil((1.0 - tokens) * 60.0 / per_minute)));
}

int lease_size(int per_minute) { return std::max(1, per_minute / 60); }

}  // namespace enlace::core
