// Digests of the shared limits' keys: see limiter_keys.hpp.
#include "storage/limiter_keys.hpp"

#include "core/hex.hpp"
#include "storage/key_ring.hpp"
#include "storage/sha256.hpp"

namespace enlace::storage {

std::string limiter_key_digest(std::string_view name) {
  const FieldCipher& cipher = field_cipher();
  if (cipher.enabled()) {
    // The label keeps these apart from the name index's and the person matches' hashes under
    // the same key.
    std::string data = "enlace limiter key v1";
    data += '\x1f';
    data += name;
    return core::to_hex(cipher.blind(data));
  }
  return core::to_hex(sha256(name));
}

}  // namespace enlace::storage
