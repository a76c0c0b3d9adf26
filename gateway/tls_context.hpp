// The TLS policy (OpenSSL 3 through Asio): which protocol versions and cipher suites the
// server offers, and the certificate and key it presents.
#pragma once

#include "core/result.hpp"

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace enlace::gateway {

// A server context: TLS 1.2 and 1.3 only; for 1.2 only ECDHE with AES-GCM or
// ChaCha20-Poly1305, in the server's order; no compression, no renegotiation. Reads the PEM
// certificate chain and private key and checks that they match. The error's detail starts
// with `tls_cert:` or `tls_key:` and never includes key material.
core::Result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(const std::string& cert_file,
                                                                          const std::string& key_file);

}  // namespace enlace::gateway
