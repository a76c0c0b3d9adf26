// Sign-in throttling across the processes that share a PostgreSQL database (API.md
// "PostgreSQL"). Each process's FailureLimiter (App::sign_in_failures) still reserves the
// attempts in flight, so that parallel guesses on one process count against each other as
// before; the failures it settles are also written to the database
// (storage/sign_in_failure_repository.hpp), and an attempt is refused when any of its keys
// already holds its maximum there, whichever process counted them. Attempts in flight on two
// processes at once are not counted against each other until they fail. Off on SQLite (one
// process per file: memory is enough, and nothing is written).
#pragma once

#include "core/result.hpp"
#include "core/time.hpp"
#include "gateway/limits.hpp"
#include "storage/txn.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace enlace::gateway {

class App;

class SharedSignInFailures {
 public:
  // The keys of one attempt (sign_in_keys()), the first one the strict pair.
  SharedSignInFailures(const App& app, const std::vector<FailureLimiter::Key>& keys);

  // 0 when every key is below its maximum, else the seconds until one failure leaves the
  // window. 0 at once when off.
  boost::asio::awaitable<core::Result<int>> wait(App& app, core::Timestamp now) const;
  // Inside the write that audits the failed attempt (writer thread).
  void record(storage::WriteTxn& tx, core::Timestamp now) const;
  // Inside the write that creates the session: a right answer forgives the pair's failures.
  void clear(storage::WriteTxn& tx) const;

 private:
  bool on_ = false;
  std::vector<std::string> digests_;  // of the keys' names, in their order
  std::vector<int> max_failures_;
  std::chrono::seconds window_{};
};

}  // namespace enlace::gateway
