// TLS policy: see tls_context.hpp.
#include "gateway/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace enlace::gateway {

namespace ssl = boost::asio::ssl;

namespace {

// Mozilla's "intermediate" TLS 1.2 list without the finite-field DHE suites: forward secrecy
// and AEAD only. TLS 1.3 keeps OpenSSL's default suites, which are all AEAD.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

std::string openssl_reason() {
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "unknown error";
  const char* reason = ERR_reason_error_string(e);
  return reason ? reason : "unknown error";
}

}  // namespace

core::Result<std::shared_ptr<ssl::context>> make_tls_context(const std::string& cert_file,
                                                             const std::string& key_file) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  ERR_clear_error();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(native, TLS1_3_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                  SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_TLSv1 |
                                  SSL_OP_NO_TLSv1_1 | SSL_OP_NO_SSLv3);
  // Idle keep-alive connections give their read and write buffers back (about 34 KiB each).
  SSL_CTX_set_mode(native, SSL_MODE_RELEASE_BUFFERS);
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1)
    return core::Error::internal("TLS cipher list refused: " + openssl_reason());
  if (SSL_CTX_use_certificate_chain_file(native, cert_file.c_str()) != 1)
    return core::Error::internal("tls_cert: cannot be read as a PEM certificate chain (" +
                                 openssl_reason() + ")");
  if (SSL_CTX_use_PrivateKey_file(native, key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    return core::Error::internal("tls_key: cannot be read as a PEM private key (" + openssl_reason() +
                                 ")");
  if (SSL_CTX_check_private_key(native) != 1)
    return core::Error::internal("tls_key: does not match the certificate in tls_cert");
  return ctx;
}

}  // namespace enlace::gateway
