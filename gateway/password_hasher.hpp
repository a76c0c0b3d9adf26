// Argon2id password hashing on a bounded pool, so that a burst of sign-ins queues instead of
// starving the I/O threads or exhausting memory, and a bounded queue, so that past it a
// request is refused at once (Error::busy, 503) rather than making everyone wait. Hashes are
// PHC strings.
#pragma once

#include "core/result.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <string>

namespace enlace::gateway {

struct Argon2Params {
  int memory_kib = 19456;  // OWASP's minimum for Argon2id: 19 MiB, 2 passes
  int iterations = 2;
  int parallelism = 1;
};

class PasswordHasher {
 public:
  // `queue`: hashes that may wait for a thread; one more is Error::busy.
  PasswordHasher(Argon2Params params, int threads, int queue = 64);
  ~PasswordHasher();

  // Each of these is Error::busy, without hashing, when the queue is full.
  boost::asio::awaitable<core::Result<std::string>> hash(std::string password);
  // True when it matches. `needs_rehash` is set when the stored cost differs from ours.
  boost::asio::awaitable<core::Result<bool>> verify(std::string encoded, std::string password,
                                                    bool* needs_rehash);
  // Burns the same time as a real verify (false): unknown users must not answer faster.
  boost::asio::awaitable<core::Result<bool>> verify_dummy(std::string password);

  // Synchronous forms for the command line.
  std::string hash_now(const std::string& password) const;
  bool verify_now(const std::string& encoded, const std::string& password) const;
  const Argon2Params& params() const { return params_; }
  const std::string& dummy_hash() const { return dummy_hash_; }

 private:
  template <class T, class F>
  boost::asio::awaitable<core::Result<T>> run(F work);

  Argon2Params params_;
  std::string dummy_hash_;
  int capacity_;                  // threads + queue
  std::atomic<int> in_flight_{0};  // admitted hashes, waiting or running
  boost::asio::thread_pool pool_;
};

}  // namespace enlace::gateway
