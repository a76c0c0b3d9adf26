// The audit chain's key: see audit_chain_key.hpp.
#include "storage/audit_chain_key.hpp"

#include "storage/field_cipher.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <atomic>
#include <stdexcept>

namespace enlace::storage {

namespace {

constexpr std::string_view kChainInfo = "enlace audit chain v1";

std::atomic<const AuditChainKey*> g_key{nullptr};

}  // namespace

std::string hkdf_sha256(std::string_view ikm, std::string_view salt, std::string_view info,
                        std::size_t length) {
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  EVP_KDF_CTX* ctx = kdf ? EVP_KDF_CTX_new(kdf) : nullptr;
  EVP_KDF_free(kdf);  // the context keeps its own reference
  if (!ctx) throw std::runtime_error("HKDF unavailable");
  // OSSL_PARAM wants non-const pointers; OpenSSL only reads them.
  auto octets = [](const char* name, std::string_view s) {
    return OSSL_PARAM_construct_octet_string(name, const_cast<char*>(s.data()), s.size());
  };
  char digest[] = "SHA256";
  OSSL_PARAM params[5];
  std::size_t n = 0;
  params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
  params[n++] = octets(OSSL_KDF_PARAM_KEY, ikm);
  if (!salt.empty()) params[n++] = octets(OSSL_KDF_PARAM_SALT, salt);
  params[n++] = octets(OSSL_KDF_PARAM_INFO, info);
  params[n] = OSSL_PARAM_construct_end();
  std::string out(length, '\0');
  int ok = EVP_KDF_derive(ctx, reinterpret_cast<unsigned char*>(out.data()), out.size(), params);
  EVP_KDF_CTX_free(ctx);
  if (ok != 1) throw std::runtime_error("HKDF failed");
  return out;
}

// Named as field keys are (8 hex digits of a hash of the key, field_cipher.hpp); the id differs
// from the field key's, since the chain key does.
AuditChainKey::AuditChainKey(std::string bytes) : bytes_(std::move(bytes)), id_(field_key_id(bytes_)) {}

AuditChainKey::~AuditChainKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

std::unique_ptr<const AuditChainKey> AuditChainKey::derive(std::string_view field_key) {
  return std::unique_ptr<const AuditChainKey>(
      new AuditChainKey(hkdf_sha256(field_key, {}, kChainInfo, kAuditChainKeyBytes)));
}

void install_audit_chain_key(std::unique_ptr<const AuditChainKey> key) {
  // Deliberately leaked, as the field cipher: at most a handful per process.
  g_key.store(key.release(), std::memory_order_release);
}

const AuditChainKey* installed_audit_chain_key() { return g_key.load(std::memory_order_acquire); }

core::Result<void> install_audit_chain_key_from(const std::string& key_file) {
  auto key = read_field_key(key_file);
  if (!key) return std::move(key).error();
  install_audit_chain_key(AuditChainKey::derive(*key));
  OPENSSL_cleanse(key->data(), key->size());
  return {};
}

}  // namespace enlace::storage
