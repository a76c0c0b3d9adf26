// Failures counted together by the processes that share one database (migration 23's
// limiter_failure; gateway/shared_failures.hpp says when and how they are used): wrong
// passwords and second factors at sign-in, wrong current passwords and enrolment codes. Keys are
// a limiter's key names ("pair:...", "password:USER_ID"), stored only as their digests
// (limiter_keys.hpp), never as a username or an address.
#pragma once

#include "core/ports/shared_limits.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <string>
#include <vector>

namespace enlace::storage {

using FailureCount = core::FailureCount;  // core/ports/shared_limits.hpp

class LimiterFailureRepository {
 public:
  // For each key, in the order given: the failures recorded after `since`.
  static std::vector<FailureCount> recent(ReadTxn& tx, const std::vector<std::string>& keys,
                                          core::Timestamp since);
  // One failure under each key at `now`; drops every failure recorded at or before
  // `forget_until` (out of every window).
  static void record(WriteTxn& tx, const std::vector<std::string>& keys, core::Timestamp now,
                     core::Timestamp forget_until);
  // Forgets the failures under `key` (a right answer).
  static void clear(WriteTxn& tx, const std::string& key);
};

}  // namespace enlace::storage
