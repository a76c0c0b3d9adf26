// Argon2id password hashing on a bounded pool, so that a burst of sign-ins queues instead of
// starving the I/O threads or exhausting memory. Hashes are PHC strings.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <string>

namespace enlace::gateway {

struct Argon2Params {
  int memory_kib = 19456;  // OWASP's minimum for Argon2id: 19 MiB, 2 passes
  int iterations = 2;
  int parallelism = 1;
};

class PasswordHasher {
 public:
  PasswordHasher(Argon2Params params, int threads);
  ~PasswordHasher();

  boost::asio::awaitable<std::string> hash(std::string password);
  // True when it matches. `needs_rehash` is set when the stored cost differs from ours.
  boost::asio::awaitable<bool> verify(std::string encoded, std::string password, bool* needs_rehash);
  // Burns the same time as a real verify: unknown users must not answer faster.
  boost::asio::awaitable<void> verify_dummy(std::string password);

  // Synchronous forms for the command line.
  std::string hash_now(const std::string& password) const;
  bool verify_now(const std::string& encoded, const std::string& password) const;
  const Argon2Params& params() const { return params_; }
  const std::string& dummy_hash() const { return dummy_hash_; }

 private:
  Argon2Params params_;
  std::string dummy_hash_;
  boost::asio::thread_pool pool_;
};

}  // namespace enlace::gateway
