// Session cache: see session_cache.hpp.
#include "gateway/session_cache.hpp"

namespace enlace::gateway {

SessionCache::SessionCache(std::size_t capacity, std::chrono::milliseconds max_age)
    : capacity_(capacity), max_age_(max_age) {}

std::shared_ptr<const core::SessionActor> SessionCache::find(const std::string& token_hash,
                                                                std::uint64_t generation,
                                                                core::Timestamp now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return nullptr;
  const Entry& e = it->second;
  // A clock set back makes now < stored_at: treat that as stale too.
  if (e.generation != generation || now < e.stored_at || now - e.stored_at >= max_age_) {
    entries_.erase(it);
    return nullptr;
  }
  return e.session;
}

std::shared_ptr<const core::SessionActor> SessionCache::store(const std::string& token_hash,
                                                                 core::SessionActor session,
                                                                 std::uint64_t generation,
                                                                 core::Timestamp now) {
  auto shared = std::make_shared<const core::SessionActor>(std::move(session));
  std::lock_guard lock(mu_);
  // A lookup that began before a write another lookup has already seen could never be used:
  // keeping it would only push out entries that can.
  if (generation < newest_) return shared;
  newest_ = generation;
  if (entries_.size() >= capacity_ && !entries_.contains(token_hash)) {
    // Entries of an older generation can never be used again; if that frees nothing, start
    // over rather than track recency for a cache that refills in one request per token.
    std::erase_if(entries_, [&](const auto& kv) { return kv.second.generation < generation; });
    if (entries_.size() >= capacity_) entries_.clear();
  }
  entries_.insert_or_assign(token_hash, Entry{shared, generation, now});
  return shared;
}

std::size_t SessionCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace enlace::gateway
