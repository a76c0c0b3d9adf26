// Encryption at rest of single TEXT values: AES-256-GCM with a random 96-bit nonce per value,
// the column ("table.column") as associated data, so a value cannot be moved to another column.
// Stored as "enc1:<key id>:<base64(nonce | tag | ciphertext)>". Immutable after construction:
// safe to share between threads.
#pragma once

#include "core/result.hpp"

#include <concepts>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::storage {

inline constexpr std::size_t kFieldKeyBytes = 32;

// Thrown by open() for a value that cannot be decrypted (unknown key, tampering, wrong column).
// The read pool and the writer turn it into an internal error; the message names no value.
struct FieldCipherError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class FieldCipher {
 public:
  // No key: seal() stores plaintext (demo and tests; the server warns at start).
  FieldCipher() = default;
  // `key` (32 bytes) seals; it and every `older_keys` entry open.
  explicit FieldCipher(std::string key, std::vector<std::string> older_keys = {});
  ~FieldCipher();
  FieldCipher(const FieldCipher&) = delete;
  FieldCipher& operator=(const FieldCipher&) = delete;

  bool enabled() const { return !keys_.empty(); }
  // The sealing key's id (8 hex digits of a hash of the key); empty without a key.
  std::string key_id() const { return enabled() ? keys_.front().id : std::string(); }

  // `column` must be listed in encrypted_columns.hpp, so that `enlace rekey` knows it.
  std::string seal(std::string_view column, std::string_view plaintext) const;
  // For nullable columns: NULL stays NULL. A template so that a std::string argument picks
  // the overload above instead of being ambiguous between the two.
  template <class T>
    requires std::same_as<T, std::optional<std::string>>
  std::optional<std::string> seal(std::string_view column, const T& plaintext) const {
    if (!plaintext) return std::nullopt;
    return seal(column, std::string_view(*plaintext));
  }
  // Accepts what seal() wrote with any known key, and plaintext written before a key existed.
  std::string open(std::string_view column, std::string_view stored) const;
  // For nullable columns. A template only so that a std::string argument picks the overload
  // above instead of being ambiguous between the two.
  template <class T>
    requires std::same_as<T, std::optional<std::string>>
  std::optional<std::string> open(std::string_view column, const T& stored) const {
    if (!stored) return std::nullopt;
    return open(column, std::string_view(*stored));
  }

  static bool is_sealed(std::string_view stored);

 private:
  struct Key {
    std::string id;
    std::string bytes;
  };
  const Key* find(std::string_view id) const;
  std::vector<Key> keys_;  // front() seals
};

// The id written into every value sealed with `key`.
std::string field_key_id(std::string_view key);

// Reads a key file: 64 hex digits (as `openssl rand -hex 32` writes them, surrounding
// whitespace ignored) or exactly 32 raw bytes. `spec` is a path, or "credential:NAME" for
// $CREDENTIALS_DIRECTORY/NAME (systemd LoadCredential=).
core::Result<std::string> read_field_key(const std::string& spec);

}  // namespace enlace::storage
