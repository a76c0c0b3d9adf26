// Test support: a Server-Sent Events client on a raw socket. Every read has a deadline, so a
// missing event fails the test instead of hanging it.
#pragma once

#include <optional>
#include <string>

namespace enlace::test {

struct SseEvent {
  std::string id, type, data;
};

class SseReader {
 public:
  // Opens GET /api/v1/events with the bearer token (and Last-Event-ID when not empty).
  SseReader(int port, const std::string& token, const std::string& last_event_id = "");
  ~SseReader();
  SseReader(const SseReader&) = delete;

  int status() const { return status_; }  // the HTTP status of the answer
  const std::string& head() const { return head_; }
  // The next event (comments and retry lines skipped), or nullopt when none arrives within
  // `timeout_ms` or the stream ended.
  std::optional<SseEvent> next(int timeout_ms = 3000);
  // The server closed the stream (as it does to a reader that fell behind).
  bool ended() const { return ended_; }

 private:
  bool fill(int timeout_ms);
  int fd_ = -1;
  int status_ = 0;
  bool ended_ = false;
  std::string head_, buffer_;
};

}  // namespace enlace::test
