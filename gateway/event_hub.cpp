// Event hub: see event_hub.hpp. Each stream lives on its session's executor; publish posts to
// it, so no lock is held while a stream writes.
#include "gateway/event_hub.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/redirect_error.hpp>

#include <deque>

namespace enlace::gateway {

namespace asio = boost::asio;

std::string format_sse(const LiveEvent& e) {
  std::string out = "id: " + std::to_string(e.id) + "\nevent: " + e.type + "\n";
  // `data` is one line of JSON (serialised without newlines).
  out += "data: " + e.data + "\n\n";
  return out;
}

class EventHub::Stream final : public EventSource,
                               public std::enable_shared_from_this<EventHub::Stream> {
 public:
  Stream(asio::any_io_executor ex, std::string org) : ex_(ex), timer_(ex), org_(std::move(org)) {}

  const std::string& organization() const { return org_; }
  asio::any_io_executor executor() const { return ex_; }

  // Executor only.
  void push(std::string chunk) {
    if (closed_) return;
    if (queue_.size() >= kQueueLimit) {
      closed_ = true;  // a slow reader is dropped, never waited on; it reconnects with Last-Event-ID
    } else {
      queue_.push_back(std::move(chunk));
    }
    timer_.cancel();
  }
  void close() {
    closed_ = true;
    timer_.cancel();
  }

  asio::awaitable<std::optional<std::string>> next() override {
    for (;;) {
      if (closed_) co_return std::nullopt;
      if (!queue_.empty()) {
        std::string chunk = std::move(queue_.front());
        queue_.pop_front();
        co_return chunk;
      }
      timer_.expires_after(std::chrono::seconds(kHeartbeatSeconds));
      boost::system::error_code ec;
      co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (!ec) co_return std::string(": heartbeat\n\n");  // keeps proxies from timing out
    }
  }

 private:
  asio::any_io_executor ex_;
  asio::steady_timer timer_;
  std::string org_;
  std::deque<std::string> queue_;
  bool closed_ = false;
};

EventHub::EventHub() = default;
EventHub::~EventHub() = default;

void EventHub::publish(LiveEvent event) {
  auto chunk = std::make_shared<std::string>(format_sse(event));
  std::lock_guard lock(mu_);
  std::erase_if(streams_, [](const auto& w) { return w.expired(); });
  for (auto& w : streams_) {
    auto s = w.lock();
    if (!s) continue;
    bool concerned = false;
    for (const auto& org : event.organizations) concerned = concerned || org == s->organization();
    if (!concerned) continue;
    asio::post(s->executor(), [s, chunk] { s->push(*chunk); });
  }
}

std::shared_ptr<EventSource> EventHub::subscribe(asio::any_io_executor ex,
                                                 std::string organization_id,
                                                 std::vector<LiveEvent> backlog) {
  auto s = std::make_shared<Stream>(ex, std::move(organization_id));
  // The first chunk sets the client's reconnection delay.
  asio::post(ex, [s, backlog = std::move(backlog)] {
    s->push("retry: 3000\n\n");
    for (const auto& e : backlog) s->push(format_sse(e));
  });
  std::lock_guard lock(mu_);
  streams_.push_back(s);
  return s;
}

void EventHub::close_all() {
  std::lock_guard lock(mu_);
  for (auto& w : streams_)
    if (auto s = w.lock()) asio::post(s->executor(), [s] { s->close(); });
}

std::size_t EventHub::streams() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (auto& w : streams_) n += w.expired() ? 0 : 1;
  return n;
}

}  // namespace enlace::gateway
