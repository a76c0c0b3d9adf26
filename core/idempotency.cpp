// Rules of idempotent writes: see idempotency.hpp.
#include "core/idempotency.hpp"

namespace enlace::core {

bool valid_idempotency_key(std::string_view key) {
  if (key.empty() || key.size() > kIdempotencyKeyMaxChars) return false;
  for (char c : key)
    if (c < 0x20 || c > 0x7E) return false;
  return true;
}

bool idempotent_reply_kept(int status) { return status != 409 && status != 429 && status < 500; }

}  // namespace enlace::core
