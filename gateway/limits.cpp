// Limits: see limits.hpp.
#include "gateway/limits.hpp"

#include <algorithm>
#include <cmath>

namespace enlace::gateway {

void FailureLimiter::prune(std::deque<core::Timestamp>& q, core::Timestamp now) {
  while (!q.empty() && q.front() + window_ <= now) q.pop_front();
}

int FailureLimiter::retry_after(const std::string& key, core::Timestamp now) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  prune(it->second, now);
  if (static_cast<int>(it->second.size()) < max_) {
    if (it->second.empty()) failures_.erase(it);
    return 0;
  }
  auto wait = std::chrono::ceil<std::chrono::seconds>(it->second.front() + window_ - now);
  return std::max<int>(1, static_cast<int>(wait.count()));
}

void FailureLimiter::record_failure(const std::string& key, core::Timestamp now) {
  std::lock_guard lock(mu_);
  auto& q = failures_[key];
  prune(q, now);
  q.push_back(now);
  // Bounded memory: a key never holds more than it takes to block it.
  while (static_cast<int>(q.size()) > max_) q.pop_front();
  if (failures_.size() > 100000) failures_.clear();  // under attack: forget rather than grow
}

void FailureLimiter::clear(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

int RateLimiter::take(const std::string& key, core::Timestamp now) {
  if (per_minute_ <= 0) return 0;
  std::lock_guard lock(mu_);
  if (buckets_.size() > 100000) buckets_.clear();
  double capacity = per_minute_;
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{capacity, now});
  auto& b = it->second;
  if (!fresh) {
    double seconds = std::chrono::duration<double>(now - b.at).count();
    if (seconds > 0) b.tokens = std::min(capacity, b.tokens + seconds * per_minute_ / 60.0);
    b.at = std::max(b.at, now);
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) * 60.0 / per_minute_)));
}

}  // namespace enlace::gateway
