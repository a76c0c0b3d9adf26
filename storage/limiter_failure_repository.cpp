// Shared limiter failures: see limiter_failure_repository.hpp.
#include "storage/limiter_failure_repository.hpp"

#include "storage/limiter_keys.hpp"

namespace enlace::storage {

std::vector<FailureCount> LimiterFailureRepository::recent(ReadTxn& tx,
                                                           const std::vector<std::string>& keys,
                                                           core::Timestamp since) {
  std::vector<FailureCount> out;
  out.reserve(keys.size());
  for (const auto& key : keys) {
    auto st = tx.prepared(R"sql(
        SELECT COUNT(*), COALESCE(MIN(at), 0) FROM limiter_failure
         WHERE key_digest = ?1 AND at > ?2)sql");
    st.bind(1, limiter_key_digest(key));
    st.bind(2, core::to_millis(since));
    st.step();
    out.push_back({static_cast<int>(st.int64(0)), core::from_millis(st.int64(1))});
  }
  return out;
}

void LimiterFailureRepository::record(WriteTxn& tx, const std::vector<std::string>& keys,
                                      core::Timestamp now, core::Timestamp forget_until) {
  auto purge = tx.prepared("DELETE FROM limiter_failure WHERE at <= ?1");
  purge.bind(1, core::to_millis(forget_until));
  purge.run();
  for (const auto& key : keys) {
    auto st = tx.prepared("INSERT INTO limiter_failure (key_digest, at) VALUES (?1, ?2)");
    st.bind(1, limiter_key_digest(key));
    st.bind(2, core::to_millis(now));
    st.run();
  }
}

void LimiterFailureRepository::clear(WriteTxn& tx, const std::string& key) {
  auto st = tx.prepared("DELETE FROM limiter_failure WHERE key_digest = ?1");
  st.bind(1, limiter_key_digest(key));
  st.run();
}

}  // namespace enlace::storage
