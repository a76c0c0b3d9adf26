// Test HTTPS client: see tls_client.hpp.
#include "tls_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>
#include <stdexcept>

namespace enlace::test {

TlsClient::TlsClient(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("connect failed");
  timeval tv{10, 0};  // a hung server fails the test instead of hanging it
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ctx_ = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
  ssl_ = SSL_new(ctx_);
  SSL_set_fd(ssl_, fd_);
  if (SSL_connect(ssl_) != 1) {
    ERR_clear_error();
    throw std::runtime_error("TLS handshake failed");
  }
}

TlsClient::~TlsClient() {
  if (ssl_) {
    SSL_shutdown(ssl_);
    SSL_free(ssl_);
  }
  if (ctx_) SSL_CTX_free(ctx_);
  if (fd_ >= 0) ::close(fd_);
}

std::string TlsClient::protocol() const { return SSL_get_version(ssl_); }

std::string TlsClient::peer_subject() const {
  X509* cert = SSL_get1_peer_certificate(ssl_);
  if (!cert) return "";
  char buf[256];
  X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof buf);
  X509_free(cert);
  return buf;
}

std::string TlsClient::peer_serial() const {
  X509* cert = SSL_get1_peer_certificate(ssl_);
  if (!cert) return "";
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get_serialNumber(cert), nullptr);
  char* hex = BN_bn2hex(bn);
  std::string out = hex;
  OPENSSL_free(hex);
  BN_free(bn);
  X509_free(cert);
  return out;
}

bool TlsClient::read_more(std::string& buf) {
  char tmp[16384];
  int n = SSL_read(ssl_, tmp, sizeof tmp);
  if (n <= 0) return false;
  buf.append(tmp, static_cast<std::size_t>(n));
  return true;
}

HttpResponse TlsClient::send(const HttpRequest& req) {
  std::string wire = req.method + " " + req.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [k, v] : req.headers) wire += k + ": " + v + "\r\n";
  if (!req.body.empty()) wire += "Content-Length: " + std::to_string(req.body.size()) + "\r\n";
  wire += "\r\n" + req.body;
  if (SSL_write(ssl_, wire.data(), static_cast<int>(wire.size())) != static_cast<int>(wire.size()))
    throw std::runtime_error("TLS write failed");
  std::string buf;
  std::size_t head_end;
  while ((head_end = buf.find("\r\n\r\n")) == std::string::npos)
    if (!read_more(buf)) throw std::runtime_error("connection closed before a response");
  HttpResponse r;
  std::istringstream head(buf.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  r.status = std::stoi(line.substr(9, 3));
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    r.headers[name] = value;
  }
  buf.erase(0, head_end + 4);
  std::size_t len = r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
  while (buf.size() < len)
    if (!read_more(buf)) throw std::runtime_error("connection closed inside the body");
  r.body = buf.substr(0, len);
  return r;
}

}  // namespace enlace::test
