// Request rate buckets shared by the processes that serve one database (migration 23's
// rate_bucket; gateway/request_rate_limit.hpp says when and how they are used). Each bucket
// follows core/token_bucket.hpp, taken and refilled in one statement so that two processes
// taking from it at once both see the other's take. Keys are stored as digests
// (limiter_keys.hpp), never as a user id or an address.
#pragma once

#include "core/ports/shared_limits.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <string>

namespace enlace::storage {

using RateTaken = core::RateTaken;  // core/ports/shared_limits.hpp

class RateBucketRepository {
 public:
  // Takes from the bucket of `key` (full when first seen) at `now`.
  static RateTaken take(WriteTxn& tx, const std::string& key, int per_minute, int wanted,
                        core::Timestamp now);
  // Drops the buckets untouched since before `before`: after a minute a bucket is full again,
  // as good as absent.
  static void forget(WriteTxn& tx, core::Timestamp before);
};

}  // namespace enlace::storage
