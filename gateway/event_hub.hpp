// Fan-out of live events (Server-Sent Events) to the streams of the organisations they
// concern. Publishing never waits on a slow stream: a stream whose queue is full is closed.
#pragma once

#include "gateway/http_types.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace enlace::gateway {

struct LiveEvent {
  std::int64_t id = 0;                     // durable, increasing: SSE `id:` and Last-Event-ID
  std::vector<std::string> organizations;  // who may see it
  std::string type;                        // SSE `event:` name, e.g. "referral.updated"
  std::string data;                        // JSON, no personal data beyond the recipients' view
};

class EventHub {
 public:
  static constexpr std::size_t kQueueLimit = 256;
  static constexpr int kHeartbeatSeconds = 20;

  EventHub();
  ~EventHub();

  // Any thread, after the change is committed.
  void publish(LiveEvent event);
  // `backlog`: events after Last-Event-ID, read from storage, delivered first.
  std::shared_ptr<EventSource> subscribe(boost::asio::any_io_executor ex,
                                         std::string organization_id,
                                         std::vector<LiveEvent> backlog);
  // Ends every stream (shutdown).
  void close_all();
  std::size_t streams() const;

  class Stream;

 private:
  mutable std::mutex mu_;
  std::vector<std::weak_ptr<Stream>> streams_;
};

std::string format_sse(const LiveEvent& e);

}  // namespace enlace::gateway
