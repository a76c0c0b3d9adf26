// The process-wide field cipher: see key_ring.hpp.
#include "storage/key_ring.hpp"

#include <atomic>
#include <mutex>
#include <vector>

namespace enlace::storage {

namespace {
const FieldCipher kPlaintext;
std::atomic<const FieldCipher*> g_cipher{&kPlaintext};
}  // namespace

void install_field_cipher(std::unique_ptr<const FieldCipher> cipher) {
  // Kept for the life of the process (at most a handful), so that no reader can outlive the one
  // it holds; a list never destroyed, rather than a bare leak, so that LeakSanitizer sees them.
  static std::mutex mu;
  static auto* kept = new std::vector<std::unique_ptr<const FieldCipher>>();
  std::lock_guard lock(mu);
  kept->push_back(std::move(cipher));
  g_cipher.store(kept->back().get(), std::memory_order_release);
}

const FieldCipher& field_cipher() { return *g_cipher.load(std::memory_order_acquire); }

}  // namespace enlace::storage
