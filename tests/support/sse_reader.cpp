// SSE test client: see sse_reader.hpp.
#include "support/sse_reader.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace enlace::test {

SseReader::SseReader(int port, const std::string& token, const std::string& last_event_id) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("sse: connect failed");
  std::string req = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
  if (!token.empty()) req += "Authorization: Bearer " + token + "\r\n";
  if (!last_event_id.empty()) req += "Last-Event-ID: " + last_event_id + "\r\n";
  req += "\r\n";
  if (::send(fd_, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size()))
    throw std::runtime_error("sse: send failed");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  std::size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0 || !fill(static_cast<int>(left))) throw std::runtime_error("sse: no answer");
  }
  head_ = buffer_.substr(0, end);
  buffer_.erase(0, end + 4);
  status_ = std::stoi(head_.substr(9, 3));
}

SseReader::~SseReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool SseReader::fill(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char tmp[4096];
  ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
  if (n <= 0) {
    ended_ = true;
    return false;
  }
  buffer_.append(tmp, static_cast<std::size_t>(n));
  return true;
}

std::optional<SseEvent> SseReader::next(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    std::size_t end;
    while ((end = buffer_.find("\n\n")) != std::string::npos) {
      std::string block = buffer_.substr(0, end);
      buffer_.erase(0, end + 2);
      SseEvent e;
      std::size_t at = 0;
      while (at <= block.size()) {
        auto eol = block.find('\n', at);
        if (eol == std::string::npos) eol = block.size();
        std::string line = block.substr(at, eol - at);
        if (line.rfind("id: ", 0) == 0) e.id = line.substr(4);
        else if (line.rfind("event: ", 0) == 0) e.type = line.substr(7);
        else if (line.rfind("data: ", 0) == 0) e.data = line.substr(6);
        at = eol + 1;
      }
      if (!e.type.empty()) return e;  // comments (heartbeats) and retry lines carry no event
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0 || !fill(static_cast<int>(left))) return std::nullopt;
  }
}

}  // namespace enlace::test
