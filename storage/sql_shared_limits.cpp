// The shared limits' ports over SQL: see sql_shared_limits.hpp.
#include "storage/sql_shared_limits.hpp"

#include "storage/limiter_failure_repository.hpp"
#include "storage/rate_bucket_repository.hpp"

namespace enlace::storage {

std::vector<core::FailureCount> SqlFailureCountReader::recent_failures(
    const std::vector<std::string>& keys, core::Timestamp since) {
  return LimiterFailureRepository::recent(tx_, keys, since);
}

void SqlFailureCountStore::record_failure(const std::vector<std::string>& keys,
                                          core::Timestamp now, core::Timestamp forget_until) {
  LimiterFailureRepository::record(tx_, keys, now, forget_until);
}

void SqlFailureCountStore::clear_failures(const std::string& key) {
  LimiterFailureRepository::clear(tx_, key);
}

core::RateTaken SqlRateBuckets::take_tokens(const std::string& key, int per_minute, int wanted,
                                            core::Timestamp now) {
  return RateBucketRepository::take(tx_, key, per_minute, wanted, now);
}

void SqlRateBuckets::forget_idle(core::Timestamp before) {
  RateBucketRepository::forget(tx_, before);
}

}  // namespace enlace::storage
