// The process-wide field cipher: see key_ring.hpp.
#include "storage/key_ring.hpp"

#include <atomic>

namespace enlace::storage {

namespace {
const FieldCipher kPlaintext;
std::atomic<const FieldCipher*> g_cipher{&kPlaintext};
}  // namespace

void install_field_cipher(std::unique_ptr<const FieldCipher> cipher) {
  // Deliberately leaked: at most a handful per process, and no reader can outlive it.
  g_cipher.store(cipher.release(), std::memory_order_release);
}

const FieldCipher& field_cipher() { return *g_cipher.load(std::memory_order_acquire); }

}  // namespace enlace::storage
