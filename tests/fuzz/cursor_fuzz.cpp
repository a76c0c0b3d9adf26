// Fuzz target: the list cursor decoder (clients send cursors back; any text may arrive).
#include "gateway/handlers/paging.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace enlace::gateway;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto key = decode_cursor(text)) {
    // What decodes re-encodes to a cursor that decodes to the same key.
    auto again = decode_cursor(encode_cursor(*key));
    if (!again || *again != *key) __builtin_trap();
  }
  // Any key we hand out comes back unchanged.
  if (size <= 250) {
    auto back = decode_cursor(encode_cursor(std::string(text)));
    if (!back || *back != text) __builtin_trap();
  }
  return 0;
}
