// See sha256.hpp.
#include "storage/sha256.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace enlace::storage {

std::string sha256(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return std::string(reinterpret_cast<const char*>(md.data()), len);
}

}  // namespace enlace::storage
