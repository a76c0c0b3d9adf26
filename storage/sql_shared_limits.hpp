// The shared limits' ports over SQL (core/ports/shared_limits.hpp): failure counts read over
// one read snapshot and written in the attempt's write transaction, rate buckets taken in a
// short transaction of their own. Thin: each call is a LimiterFailureRepository or
// RateBucketRepository function. Serves SQLite and PostgreSQL alike (the gateway uses them
// only where several processes share a PostgreSQL database).
#pragma once

#include "core/ports/shared_limits.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlFailureCountReader final : public core::FailureCountReader {
 public:
  explicit SqlFailureCountReader(ReadTxn& tx) : tx_(tx) {}
  std::vector<core::FailureCount> recent_failures(const std::vector<std::string>& keys,
                                                  core::Timestamp since) override;

 private:
  ReadTxn& tx_;
};

class SqlFailureCountStore final : public core::FailureCountStore {
 public:
  explicit SqlFailureCountStore(WriteTxn& tx) : tx_(tx) {}
  void record_failure(const std::vector<std::string>& keys, core::Timestamp now,
                      core::Timestamp forget_until) override;
  void clear_failures(const std::string& key) override;

 private:
  WriteTxn& tx_;
};

class SqlRateBuckets final : public core::RateBuckets {
 public:
  explicit SqlRateBuckets(WriteTxn& tx) : tx_(tx) {}
  core::RateTaken take_tokens(const std::string& key, int per_minute, int wanted,
                              core::Timestamp now) override;
  void forget_idle(core::Timestamp before) override;

 private:
  WriteTxn& tx_;
};

}  // namespace enlace::storage
