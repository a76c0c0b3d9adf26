// Encryption at rest of single TEXT values: AES-256-GCM with a random 96-bit nonce per value,
// the column ("table.column") as associated data, so a value cannot be moved to another column.
// Stored as "enc1:<key id>:<base64(nonce | tag | ciphertext)>". With a key, plaintext where a
// sealed value belongs is refused (a database writer cannot plant it); only `enlace rekey`
// reads it. The same key, through HKDF, keys the blind indexes of names (name_index.hpp).
// Immutable after construction: safe to share between threads.
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

// What open() does, with a key, with a value that is not sealed: `refused` everywhere but in
// `enlace rekey` (which seals what was written before a key) and tests reading old files.
enum class Plaintext { refused, accepted };

class FieldCipher {
 public:
  // No key: seal() stores plaintext (demo and tests; the server warns at start).
  FieldCipher() = default;
  // `key` (32 bytes) seals; it and every `older_keys` entry open.
  explicit FieldCipher(std::string key, std::vector<std::string> older_keys = {},
                       Plaintext plaintext = Plaintext::refused);
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
  // Accepts what seal() wrote with any known key, and the empty string (an erased value).
  // Without a key, or with Plaintext::accepted, plaintext too; otherwise a value that is not
  // sealed throws FieldCipherError.
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

  // HMAC-SHA256 of `data` under the blind-index key (HKDF of the sealing key, label
  // kBlindIndexLabel): 32 raw bytes. Only with a key (enabled()).
  std::string blind(std::string_view data) const;

 private:
  struct Key {
    std::string id;
    std::string bytes;
  };
  const Key* find(std::string_view id) const;
  std::vector<Key> keys_;  // front() seals
  Plaintext plaintext_ = Plaintext::refused;
  std::string blind_key_;  // derived from keys_.front()
};

// The HKDF label of the blind-index key; other keys derived from the field key use their own.
inline constexpr std::string_view kBlindIndexLabel = "enlace blind index v1";

// HKDF-SHA256 (RFC 5869, no salt) of `key` with `label` as info: 32 bytes, independent of the
// key itself and of keys derived with other labels.
std::string derive_key(std::string_view key, std::string_view label);

// The id written into every value sealed with `key`.
std::string field_key_id(std::string_view key);

// Reads a key file: 64 hex digits (as `openssl rand -hex 32` writes them, surrounding
// whitespace ignored) or exactly 32 raw bytes. `spec` is a path, or "credential:NAME" for
// $CREDENTIALS_DIRECTORY/NAME (systemd LoadCredential=).
core::Result<std::string> read_field_key(const std::string& spec);

}  // namespace enlace::storage
