// `enlace rekey`: re-encrypts every encrypted column (encrypted_columns.hpp) under a new key in
// one transaction, and encrypts what was still plaintext. The server must not be running.
#pragma once

#include "core/result.hpp"
#include "storage/field_cipher.hpp"

#include <cstdint>
#include <string>

namespace enlace::storage {

struct RekeyReport {
  std::int64_t values = 0;           // values rewritten
  std::int64_t were_plaintext = 0;   // of which were not encrypted before
};

// `opener` reads the current values (old key, and plaintext); `sealer` writes them. Nothing
// changes unless every value opens.
core::Result<RekeyReport> rekey_database(const std::string& db_path, const FieldCipher& opener,
                                         const FieldCipher& sealer);

}  // namespace enlace::storage
