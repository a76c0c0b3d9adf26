// Shared request rate buckets: see rate_bucket_repository.hpp.
#include "storage/rate_bucket_repository.hpp"

#include "core/token_bucket.hpp"
#include "storage/limiter_keys.hpp"

namespace enlace::storage {

namespace {

// core::refill and core::take_tokens in SQL, over the row as it was (b.*): ?2 is now (ms), ?3
// the tokens a minute, ?4 the tokens wanted. Every SET expression reads the old row, so the
// refilled amount is spelt out where it is used.
#define ENLACE_REFILLED                                                    \
  "(CASE WHEN ?2 <= b.at THEN b.tokens"                                    \
  " WHEN b.tokens + (?2 - b.at) / 60000.0 * ?3 >= ?3 THEN ?3 * 1.0"        \
  " ELSE b.tokens + (?2 - b.at) / 60000.0 * ?3 END)"
#define ENLACE_GRANTED \
  "(CASE WHEN " ENLACE_REFILLED " >= ?4 THEN ?4 WHEN " ENLACE_REFILLED " >= 1 THEN 1 ELSE 0 END)"

constexpr const char* kTake =
    "INSERT INTO rate_bucket AS b (key_digest, tokens, at, taken) VALUES (?1, ?5, ?2, ?6)"
    " ON CONFLICT (key_digest) DO UPDATE SET"
    " tokens = " ENLACE_REFILLED " - " ENLACE_GRANTED ","
    " taken = " ENLACE_GRANTED ","
    " at = CASE WHEN ?2 > b.at THEN ?2 ELSE b.at END"
    " RETURNING taken, tokens";

#undef ENLACE_GRANTED
#undef ENLACE_REFILLED

}  // namespace

RateTaken RateBucketRepository::take(WriteTxn& tx, const std::string& key, int per_minute,
                                     int wanted, core::Timestamp now) {
  // What a bucket seen for the first time gives, as core decides it.
  auto fresh = core::full_bucket(per_minute, now);
  int fresh_taken = core::take_tokens(fresh, per_minute, wanted, now);
  auto st = tx.prepared(kTake);
  st.bind(1, limiter_key_digest(key));
  st.bind(2, core::to_millis(now));
  st.bind(3, per_minute);
  st.bind(4, wanted);
  st.bind(5, fresh.tokens);
  st.bind(6, fresh_taken);
  st.step();
  return {static_cast<int>(st.int64(0)), st.real(1)};
}

void RateBucketRepository::forget(WriteTxn& tx, core::Timestamp before) {
  auto st = tx.prepared("DELETE FROM rate_bucket WHERE at < ?1");
  st.bind(1, core::to_millis(before));
  st.run();
}

}  // namespace enlace::storage
