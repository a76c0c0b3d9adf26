// Shared sign-in failures: see sign_in_failure_repository.hpp.
#include "storage/sign_in_failure_repository.hpp"

namespace enlace::storage {

std::vector<FailureCount> SignInFailureRepository::recent(ReadTxn& tx,
                                                          const std::vector<std::string>& keys,
                                                          core::Timestamp since) {
  std::vector<FailureCount> out;
  out.reserve(keys.size());
  for (const auto& key : keys) {
    auto st = tx.prepared(R"sql(
        SELECT COUNT(*), COALESCE(MIN(at), 0) FROM sign_in_failure
         WHERE key_digest = ?1 AND at > ?2)sql");
    st.bind(1, key);
    st.bind(2, core::to_millis(since));
    st.step();
    out.push_back({static_cast<int>(st.int64(0)), core::from_millis(st.int64(1))});
  }
  return out;
}

void SignInFailureRepository::record(WriteTxn& tx, const std::vector<std::string>& keys,
                                     core::Timestamp now, core::Timestamp forget_until) {
  auto purge = tx.prepared("DELETE FROM sign_in_failure WHERE at <= ?1");
  purge.bind(1, core::to_millis(forget_until));
  purge.run();
  for (const auto& key : keys) {
    auto st = tx.prepared("INSERT INTO sign_in_failure (key_digest, at) VALUES (?1, ?2)");
    st.bind(1, key);
    st.bind(2, core::to_millis(now));
    st.run();
  }
}

void SignInFailureRepository::clear(WriteTxn& tx, const std::string& key) {
  auto st = tx.prepared("DELETE FROM sign_in_failure WHERE key_digest = ?1");
  st.bind(1, key);
  st.run();
}

}  // namespace enlace::storage
