// Limits: see limits.hpp.
#include "gateway/limits.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

namespace enlace::gateway {

namespace {
// Under a flood of distinct keys, forget rather than grow without bound.
constexpr std::size_t kMaxKeys = 100000;
}  // namespace

FailureSlot::FailureSlot(FailureSlot&& other) noexcept
    : limiter_(std::exchange(other.limiter_, nullptr)),
      keys_(std::move(other.keys_)),
      id_(other.id_),
      retry_after_(other.retry_after_) {}

FailureSlot& FailureSlot::operator=(FailureSlot&& other) noexcept {
  if (this != &other) {
    release();
    limiter_ = std::exchange(other.limiter_, nullptr);
    keys_ = std::move(other.keys_);
    id_ = other.id_;
    retry_after_ = other.retry_after_;
  }
  return *this;
}

FailureSlot::~FailureSlot() { release(); }

void FailureSlot::fail() {
  if (!limiter_) return;
  limiter_->settle(keys_, id_);
  limiter_ = nullptr;
}

void FailureSlot::release() {
  if (!limiter_) return;
  limiter_->release(keys_, id_);
  limiter_ = nullptr;
}

void FailureLimiter::prune(std::deque<Entry>& q, core::Timestamp now) const {
  while (!q.empty() && q.front().at + window_ <= now) q.pop_front();
}

FailureSlot FailureLimiter::reserve(const std::vector<Key>& keys, core::Timestamp now) {
  std::lock_guard lock(mu_);
  if (failures_.size() > kMaxKeys) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      prune(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    if (failures_.size() > kMaxKeys) failures_.clear();
  }
  int wait = 0;
  for (const auto& k : keys) {
    auto it = failures_.find(k.name);
    if (it == failures_.end()) continue;
    prune(it->second, now);
    if (static_cast<int>(it->second.size()) < k.max_failures) continue;
    auto left = std::chrono::ceil<std::chrono::seconds>(it->second.front().at + window_ - now);
    wait = std::max({wait, 1, static_cast<int>(left.count())});
  }
  if (wait > 0) return FailureSlot(wait);
  std::uint64_t id = next_id_++;
  std::vector<std::string> names;
  names.reserve(keys.size());
  for (const auto& k : keys) {
    failures_[k.name].push_back(Entry{now, id, true});
    names.push_back(k.name);
  }
  return FailureSlot(this, std::move(names), id);
}

void FailureLimiter::settle(const std::vector<std::string>& keys, std::uint64_t id) {
  std::lock_guard lock(mu_);
  for (const auto& k : keys) {
    auto it = failures_.find(k);
    if (it == failures_.end()) continue;
    for (auto& e : it->second)
      if (e.id == id) e.pending = false;
  }
}

void FailureLimiter::release(const std::vector<std::string>& keys, std::uint64_t id) {
  std::lock_guard lock(mu_);
  for (const auto& k : keys) {
    auto it = failures_.find(k);
    if (it == failures_.end()) continue;
    std::erase_if(it->second, [id](const Entry& e) { return e.id == id; });
    if (it->second.empty()) failures_.erase(it);
  }
}

void FailureLimiter::clear(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return;
  std::erase_if(it->second, [](const Entry& e) { return !e.pending; });
  if (it->second.empty()) failures_.erase(it);
}

int RateLimiter::take(const std::string& key, core::Timestamp now) {
  if (per_minute_ <= 0) return 0;
  std::lock_guard lock(mu_);
  if (buckets_.size() > kMaxKeys) buckets_.clear();
  auto [it, fresh] = buckets_.try_emplace(key, core::full_bucket(per_minute_, now));
  if (core::take_tokens(it->second, per_minute_, 1, now) == 1) return 0;
  return core::seconds_until_token(it->second.tokens, per_minute_);
}

bool RateLimiter::exhausted(const std::string& key, core::Timestamp now) {
  if (per_minute_ <= 0) return false;
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return false;
  core::refill(it->second, per_minute_, now);
  return it->second.tokens < 1.0;
}

}  // namespace enlace::gateway
