// Failure limits across the processes that share a PostgreSQL database (API.md "PostgreSQL"):
// sign-ins (App::sign_in_failures), wrong current passwords and enrolment codes
// (App::account_checks_by_user). Each process's FailureLimiter still reserves the attempts in
// flight, so that parallel guesses on one process count against each other as before; the
// failures it settles are also written to the database (core::FailureCountStore, whose SQL
// adapter stores keyed digests of the keys' names), and an attempt is refused when any of its keys
// already holds its maximum there, whichever process counted them. Attempts in flight on two
// processes at once are not counted against each other until they fail. Off on SQLite (one
// process per file: memory is enough, and nothing is written).
#pragma once

#include "core/ports/units_of_work.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "gateway/limits.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace enlace::gateway {

class App;

class SharedFailures {
 public:
  // The keys of one attempt as `limiter` counts them; the first one is the key a right answer
  // forgives (sign_in_keys()'s strict pair).
  SharedFailures(const App& app, FailureLimiter& limiter, std::vector<FailureLimiter::Key> keys);

  // Reserves the attempt in this process's limiter (into `slot`, released unless failed), then
  // checks what every process counted: 0 to go on, else the seconds to wait (Retry-After).
  boost::asio::awaitable<core::Result<int>> reserve(App& app, core::Timestamp now,
                                                    FailureSlot& slot) const;
  // Inside the write that audits the failed attempt (writer thread).
  void record(core::WriteUnit& unit, core::Timestamp now) const;
  // Inside the write that the right answer makes: forgives the first key's failures.
  void clear(core::WriteUnit& unit) const;

 private:
  FailureLimiter* limiter_;
  std::vector<FailureLimiter::Key> keys_;
  bool on_ = false;
};

}  // namespace enlace::gateway
