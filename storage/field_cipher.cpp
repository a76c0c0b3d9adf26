// AES-256-GCM field encryption with OpenSSL EVP: see field_cipher.hpp.
#include "storage/field_cipher.hpp"

#include "core/hex.hpp"

#include "storage/audit_chain_key.hpp"  // hkdf_sha256, the one HKDF of the project
#include "storage/encrypted_columns.hpp"
#include "storage/sha256.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

namespace enlace::storage {

namespace {

constexpr std::string_view kSealedPrefix = "enc1:";
// Plaintext that happens to start like a sealed value is stored behind this prefix when no
// key is configured, so that it can never be mistaken for ciphertext.
constexpr std::string_view kEscapedPrefix = "enc0:";
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* u8(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(u8(out), u8(bytes), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(3 * text.size() / 4, '\0');
  int n = EVP_DecodeBlock(u8(out), u8(text), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  std::size_t pad = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

[[noreturn]] void fail(std::string_view column, const char* what) {
  throw FieldCipherError("encrypted field " + std::string(column) + ": " + what);
}

void require_known(std::string_view column) {
  if (!is_encrypted_column(column))
    throw std::logic_error("column " + std::string(column) +
                           " is not listed in storage/encrypted_columns.hpp");
}

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

}  // namespace

std::string field_key_id(std::string_view key) {
  // A hash of the key, not the key: names it in stored values without revealing it.
  std::string data = "enlace field key id\n" + std::string(key);
  std::string md = sha256(data);
  OPENSSL_cleanse(data.data(), data.size());
  return core::to_hex(std::string_view(md).substr(0, 4));
}

std::string derive_key(std::string_view key, std::string_view label) {
  return hkdf_sha256(key, {}, label, kFieldKeyBytes);
}

FieldCipher::FieldCipher(std::string key, std::vector<std::string> older_keys,
                         Plaintext plaintext)
    : plaintext_(plaintext) {
  if (key.size() != kFieldKeyBytes) throw std::invalid_argument("field key must be 32 bytes");
  keys_.push_back({field_key_id(key), key});
  blind_key_ = derive_key(key, kBlindIndexLabel);
  for (auto& k : older_keys) {
    if (k.size() != kFieldKeyBytes) throw std::invalid_argument("field key must be 32 bytes");
    keys_.push_back({field_key_id(k), k});
    OPENSSL_cleanse(k.data(), k.size());
  }
  OPENSSL_cleanse(key.data(), key.size());
}

FieldCipher::~FieldCipher() {
  for (auto& k : keys_) OPENSSL_cleanse(k.bytes.data(), k.bytes.size());
  OPENSSL_cleanse(blind_key_.data(), blind_key_.size());
}

std::string FieldCipher::blind(std::string_view data) const {
  if (!enabled()) throw std::logic_error("blind index without a key");
  std::string mac(32, '\0');
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), blind_key_.data(), static_cast<int>(blind_key_.size()), u8(data),
            data.size(), u8(mac), &len) ||
      len != mac.size())
    throw FieldCipherError("blind index: HMAC-SHA256 failed");
  return mac;
}

const FieldCipher::Key* FieldCipher::find(std::string_view id) const {
  for (const auto& k : keys_)
    if (k.id == id) return &k;
  return nullptr;
}

bool FieldCipher::is_sealed(std::string_view stored) { return stored.starts_with(kSealedPrefix); }

std::string FieldCipher::seal(std::string_view column, std::string_view plaintext) const {
  require_known(column);
  if (!enabled()) {
    if (plaintext.starts_with(kSealedPrefix) || plaintext.starts_with(kEscapedPrefix))
      return std::string(kEscapedPrefix) + std::string(plaintext);
    return std::string(plaintext);
  }
  const Key& key = keys_.front();
  // 96-bit random nonces: with one key, the chance of a repeat stays below 2^-32 up to 2^32
  // values (NIST SP 800-38D), far beyond what one deployment writes between rotations.
  std::string blob(kNonceBytes + kTagBytes + plaintext.size(), '\0');
  if (RAND_bytes(u8(blob), kNonceBytes) != 1) fail(column, "no randomness");
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  unsigned char* out = u8(blob) + kNonceBytes + kTagBytes;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u8(key.bytes), u8(blob)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, u8(column), static_cast<int>(column.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), out, &len, u8(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), out + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, u8(blob) + kNonceBytes) != 1)
    fail(column, "encryption failed");
  return std::string(kSealedPrefix) + key.id + ":" + base64(blob);
}

std::string FieldCipher::open(std::string_view column, std::string_view stored) const {
  require_known(column);
  if (stored.empty()) return {};  // erased (purge): nothing to hide, nothing to plant
  if (!is_sealed(stored)) {
    // With a key, plaintext is either older than the key (`enlace rekey` seals it) or was
    // put there by someone writing the file: never pass it off as the stored value.
    if (enabled() && plaintext_ == Plaintext::refused)
      fail(column, "holds plaintext where a sealed value belongs (run `enlace rekey` if the "
                   "database was written without a key)");
    if (stored.starts_with(kEscapedPrefix)) return std::string(stored.substr(kEscapedPrefix.size()));
    return std::string(stored);  // written before a key was configured
  }
  auto rest = stored.substr(kSealedPrefix.size());
  auto colon = rest.find(':');
  if (colon == std::string_view::npos) fail(column, "malformed value");
  const Key* key = find(rest.substr(0, colon));
  if (!key) fail(column, enabled() ? "sealed with an unknown key" : "sealed, but no key is configured");
  auto blob = unbase64(rest.substr(colon + 1));
  if (!blob || blob->size() < kNonceBytes + kTagBytes) fail(column, "malformed value");
  std::string plain(blob->size() - kNonceBytes - kTagBytes, '\0');
  const unsigned char* nonce = u8(*blob);
  const unsigned char* tag = nonce + kNonceBytes;
  const unsigned char* ct = tag + kTagBytes;
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  // The tag is set before Final; Final fails unless ciphertext, column and tag all match.
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u8(key->bytes), nonce) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, u8(column), static_cast<int>(column.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), u8(plain), &len, ct, static_cast<int>(plain.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                          const_cast<unsigned char*>(tag)) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), u8(plain) + len, &len) != 1) {
    OPENSSL_cleanse(plain.data(), plain.size());
    fail(column, "does not authenticate (wrong key, wrong column or altered)");
  }
  return plain;
}

core::Result<std::string> read_field_key(const std::string& spec) {
  std::string path = spec;
  constexpr std::string_view kCredential = "credential:";
  if (spec.starts_with(kCredential)) {
    const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
    std::string name = spec.substr(kCredential.size());
    if (!dir || !*dir)
      return core::Error::invalid_field("encryption_key_file",
                                        "names a systemd credential but CREDENTIALS_DIRECTORY is not set");
    if (name.empty() || name.find('/') != std::string::npos)
      return core::Error::invalid_field("encryption_key_file", "has an invalid credential name");
    path = std::string(dir) + "/" + name;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::invalid_field("encryption_key_file", "cannot read " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string raw = buf.str();
  if (raw.size() == kFieldKeyBytes) return raw;
  std::string hex;
  for (char c : raw)
    if (!std::isspace(static_cast<unsigned char>(c))) hex += c;
  OPENSSL_cleanse(raw.data(), raw.size());
  bool is_hex = hex.size() == 2 * kFieldKeyBytes;
  for (char c : hex) is_hex = is_hex && std::isxdigit(static_cast<unsigned char>(c));
  if (!is_hex) {
    OPENSSL_cleanse(hex.data(), hex.size());
    return core::Error::invalid_field(
        "encryption_key_file",
        "must hold 64 hex digits (openssl rand -hex 32) or 32 raw bytes: " + path);
  }
  std::string key = from_hex(hex);
  OPENSSL_cleanse(hex.data(), hex.size());
  return key;
}

}  // namespace enlace::storage
