#include "core/delivery_retry.hpp"

#include <algorithm>

namespace enlace::core {

std::optional<Timestamp> next_delivery_attempt(int failed_attempts, Timestamp first_failed_at,
                                               Timestamp failed_at, double jitter) {
  if (failed_at - first_failed_at >= kGiveUpAfter) return std::nullopt;
  using std::chrono::milliseconds;
  // 10 s doubled (failed_attempts - 1) times; the shift is bounded before it can overflow.
  const int doublings = std::clamp(failed_attempts - 1, 0, 20);
  const milliseconds wait = std::min<milliseconds>(
      milliseconds{kFirstRetryDelay} * (std::int64_t{1} << doublings), kLongestRetryDelay);
  const double spread = std::clamp(jitter, 0.0, 0.999) / 5.0;
  const auto extra = milliseconds{static_cast<std::int64_t>(wait.count() * spread)};
  return failed_at + wait + extra;
}

}  // namespace enlace::core
