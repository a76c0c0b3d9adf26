// Failure limits across processes: see shared_failures.hpp.
#include "gateway/shared_failures.hpp"

#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/port_jobs.hpp"

#include <algorithm>

namespace enlace::gateway {

SharedFailures::SharedFailures(const App& app, FailureLimiter& limiter,
                               std::vector<FailureLimiter::Key> keys)
    : limiter_(&limiter), keys_(std::move(keys)), on_(app.feed != nullptr) {}

boost::asio::awaitable<core::Result<int>> SharedFailures::reserve(App& app, core::Timestamp now,
                                                                 FailureSlot& slot) const {
  slot = limiter_->reserve(keys_, now);
  if (!slot) co_return slot.retry_after();
  if (!on_) co_return 0;
  std::vector<std::string> names;
  for (const auto& k : keys_) names.push_back(k.name);
  auto read = read_on(
      &core::ReadUnit::failure_counts,
      [names, since = now - limiter_->window()](
          core::FailureCountReader& counts) -> core::Result<std::vector<core::FailureCount>> {
        return counts.recent_failures(names, since);
      });
  auto counts = co_await db_read(app.db, std::move(read));
  if (!counts) co_return counts.error();
  int wait = 0;
  for (std::size_t i = 0; i < counts->size(); ++i) {
    const auto& c = (*counts)[i];
    if (c.failures < keys_[i].max_failures) continue;
    auto left = std::chrono::ceil<std::chrono::seconds>(c.oldest + limiter_->window() - now);
    wait = std::max({wait, 1, static_cast<int>(left.count())});
  }
  co_return wait;
}

void SharedFailures::record(core::WriteUnit& unit, core::Timestamp now) const {
  if (!on_) return;
  std::vector<std::string> names;
  for (const auto& k : keys_) names.push_back(k.name);
  unit.failure_counts().record_failure(names, now, now - limiter_->window());
}

void SharedFailures::clear(core::WriteUnit& unit) const {
  if (on_ && !keys_.empty()) unit.failure_counts().clear_failures(keys_.front().name);
}

}  // namespace enlace::gateway
