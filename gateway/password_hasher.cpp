// Argon2id via libargon2: see password_hasher.hpp.
#include "gateway/password_hasher.hpp"

#include "gateway/random.hpp"

#include <argon2.h>

#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/async_result.hpp>

#include <algorithm>
#include <stdexcept>

namespace enlace::gateway {

namespace asio = boost::asio;

namespace {
// PHC strings use standard Base64 without padding.
std::string base64_unpadded(const std::string& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}
}  // namespace

// The dummy is a well-formed hash of random bytes with our cost, not a hash of anything:
// verifying against it costs exactly a real verify and never matches, and making it costs
// nothing. Hashing a dummy password here took one full Argon2id run (19 MiB) at start-up.
PasswordHasher::PasswordHasher(Argon2Params params, int threads, int queue)
    : params_(params),
      capacity_(std::max(1, threads) + std::max(0, queue)),
      pool_(static_cast<std::size_t>(std::max(1, threads))) {
  dummy_hash_ = "$argon2id$v=19$m=" + std::to_string(params_.memory_kib) +
                ",t=" + std::to_string(params_.iterations) +
                ",p=" + std::to_string(params_.parallelism) + "$" +
                base64_unpadded(random_bytes(16)) + "$" + base64_unpadded(random_bytes(32));
}

PasswordHasher::~PasswordHasher() { pool_.join(); }

std::string PasswordHasher::hash_now(const std::string& password) const {
  auto salt = random_bytes(16);
  std::size_t len = argon2_encodedlen(params_.iterations, params_.memory_kib, params_.parallelism,
                                      salt.size(), 32, Argon2_id);
  std::string encoded(len, '\0');
  int rc = argon2id_hash_encoded(params_.iterations, params_.memory_kib, params_.parallelism,
                                 password.data(), password.size(), salt.data(), salt.size(), 32,
                                 encoded.data(), encoded.size());
  if (rc != ARGON2_OK) throw std::runtime_error(argon2_error_message(rc));
  encoded.resize(std::char_traits<char>::length(encoded.c_str()));
  return encoded;
}

bool PasswordHasher::verify_now(const std::string& encoded, const std::string& password) const {
  // argon2id_verify compares in constant time.
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

namespace {
template <class T, class F>
asio::awaitable<T> on_pool(asio::thread_pool& pool, F fn) {
  auto initiate = [&pool, fn = std::move(fn)](auto handler) mutable {
    asio::post(pool, [handler = std::move(handler), fn = std::move(fn)]() mutable {
      T result = fn();
      auto ex = asio::get_associated_executor(handler);
      asio::post(ex, [h = std::move(handler), r = std::move(result)]() mutable { std::move(h)(std::move(r)); });
    });
  };
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(T)>(
      std::move(initiate), asio::use_awaitable);
}
}  // namespace

// Admission is counted here, not in the pool: a thread_pool's queue has no bound of its own.
template <class T, class F>
asio::awaitable<core::Result<T>> PasswordHasher::run(F work) {
  if (in_flight_.fetch_add(1) >= capacity_) {
    in_flight_.fetch_sub(1);
    co_return core::Error::busy();
  }
  auto counted = [this, work = std::move(work)]() mutable {
    // On the pool thread: the slot is free once the hash is done, however it ends.
    struct Done {
      std::atomic<int>& n;
      ~Done() { n.fetch_sub(1); }
    } done{in_flight_};
    return work();
  };
  co_return co_await on_pool<T>(pool_, std::move(counted));
}

asio::awaitable<core::Result<std::string>> PasswordHasher::hash(std::string password) {
  auto work = [this, pw = std::move(password)] { return hash_now(pw); };
  co_return co_await run<std::string>(std::move(work));
}

asio::awaitable<core::Result<bool>> PasswordHasher::verify(std::string encoded, std::string password,
                                                           bool* needs_rehash) {
  auto work = [this, enc = encoded, pw = std::move(password)] { return verify_now(enc, pw); };
  auto ok = co_await run<bool>(std::move(work));
  if (ok && *ok && needs_rehash) {
    auto expected = "m=" + std::to_string(params_.memory_kib) + ",t=" +
                    std::to_string(params_.iterations) + ",p=" + std::to_string(params_.parallelism);
    *needs_rehash = encoded.find(expected) == std::string::npos;
  }
  co_return ok;
}

asio::awaitable<core::Result<bool>> PasswordHasher::verify_dummy(std::string password) {
  auto work = [this, pw = std::move(password)] {
    verify_now(dummy_hash_, pw);
    return false;
  };
  co_return co_await run<bool>(std::move(work));
}

}  // namespace enlace::gateway
