// Test support: one keep-alive HTTPS connection to the test server (OpenSSL), for requests
// over TLS and for looking at the certificate the server presents.
#pragma once

#include "server_process.hpp"

#include <memory>
#include <string>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace enlace::test {

class TlsClient {
 public:
  // Connects and completes the handshake (TLS 1.2 or 1.3, certificate not verified: the
  // tests use self-signed ones). Throws when either fails.
  explicit TlsClient(int port);
  ~TlsClient();
  TlsClient(const TlsClient&) = delete;

  HttpResponse send(const HttpRequest& req);
  std::string protocol() const;       // "TLSv1.3"
  std::string peer_subject() const;   // "CN=enlace-a"
  std::string peer_serial() const;    // hex

 private:
  bool read_more(std::string& buf);
  int fd_ = -1;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
};

}  // namespace enlace::test
