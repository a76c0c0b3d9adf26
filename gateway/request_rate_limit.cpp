// Request rate limits: see request_rate_limit.hpp.
#include "gateway/request_rate_limit.hpp"

#include "core/token_bucket.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/port_jobs.hpp"

namespace enlace::gateway {

namespace {
// Under a flood of distinct keys, forget leases rather than grow without bound.
constexpr std::size_t kMaxLeases = 100000;
// A bucket untouched for a minute is full again: as good as no row.
constexpr auto kIdleBucket = std::chrono::minutes(1);
}  // namespace

RequestRateLimit::RequestRateLimit(std::string scope, int per_minute)
    : scope_(std::move(scope)), per_minute_(per_minute), local_(per_minute) {}

boost::asio::awaitable<int> RequestRateLimit::take(App& app, std::string key,
                                                   core::Timestamp now) {
  const bool shared = app.feed && app.db.has_quick_writes();
  if (!shared || per_minute_ <= 0) co_return local_.take(key, now);
  bool forget = false;
  {
    std::lock_guard lock(mu_);
    if (auto it = leased_.find(key); it != leased_.end() && it->second > 0) {
      --it->second;
      co_return 0;
    }
    if (now - last_forget_ >= kIdleBucket) {
      last_forget_ = now;
      forget = true;
    }
  }
  auto take_lease = write_on(
      &core::WriteUnit::rate_buckets,
      [name = scope_ + ":" + key, per_minute = per_minute_,
       wanted = core::lease_size(per_minute_), now,
       forget](core::RateBuckets& buckets) -> core::Result<core::RateTaken> {
        if (forget) buckets.forget_idle(now - kIdleBucket);
        return buckets.take_tokens(name, per_minute, wanted, now);
      });
  auto taken = co_await db_quick_write(app.db, std::move(take_lease));
  if (!taken) co_return local_.take(key, now);  // the request's own lookup will say why
  if (taken->taken == 0) co_return core::seconds_until_token(taken->tokens, per_minute_);
  if (taken->taken > 1) {
    std::lock_guard lock(mu_);
    if (leased_.size() > kMaxLeases) leased_.clear();
    leased_[key] += taken->taken - 1;
  }
  co_return 0;
}

}  // namespace enlace::gateway
