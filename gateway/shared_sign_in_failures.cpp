// Sign-in throttling across processes: see shared_sign_in_failures.hpp.
#include "gateway/shared_sign_in_failures.hpp"

#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/random.hpp"
#include "storage/sign_in_failure_repository.hpp"

#include <algorithm>

namespace enlace::gateway {

SharedSignInFailures::SharedSignInFailures(const App& app,
                                           const std::vector<FailureLimiter::Key>& keys)
    : on_(app.feed != nullptr), window_(app.sign_in_failures.window()) {
  if (!on_) return;
  for (const auto& k : keys) {
    // A digest: the table never holds a username or an address.
    digests_.push_back(to_hex(sha256(k.name)));
    max_failures_.push_back(k.max_failures);
  }
}

boost::asio::awaitable<core::Result<int>> SharedSignInFailures::wait(App& app,
                                                                    core::Timestamp now) const {
  if (!on_) co_return 0;
  auto read = [digests = digests_, since = now - window_](
                  storage::ReadTxn& tx) -> core::Result<std::vector<storage::FailureCount>> {
    return storage::SignInFailureRepository::recent(tx, digests, since);
  };
  auto counts = co_await db_read(app.db, std::move(read));
  if (!counts) co_return counts.error();
  int wait = 0;
  for (std::size_t i = 0; i < counts->size(); ++i) {
    const auto& c = (*counts)[i];
    if (c.failures < max_failures_[i]) continue;
    auto left = std::chrono::ceil<std::chrono::seconds>(c.oldest + window_ - now);
    wait = std::max({wait, 1, static_cast<int>(left.count())});
  }
  co_return wait;
}

void SharedSignInFailures::record(storage::WriteTxn& tx, core::Timestamp now) const {
  if (on_) storage::SignInFailureRepository::record(tx, digests_, now, now - window_);
}

void SharedSignInFailures::clear(storage::WriteTxn& tx) const {
  if (on_ && !digests_.empty()) storage::SignInFailureRepository::clear(tx, digests_.front());
}

}  // namespace enlace::gateway
