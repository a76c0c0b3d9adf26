// Event hub: see event_hub.hpp. Each stream lives on its session's executor; publish posts to
// it, so no lock is held while a stream writes. Posts to one executor run in order, so an
// event published after a session's end was signalled finds the stream closed.
#include "gateway/event_hub.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/redirect_error.hpp>

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace enlace::gateway {

namespace asio = boost::asio;

std::string format_sse(const LiveEvent& e) {
  std::string out = "id: " + std::to_string(e.id) + "\nevent: " + e.type + "\n";
  // `data` is one line of JSON (serialised without newlines).
  out += "data: " + e.data + "\n\n";
  return out;
}

class EventHub::Stream final : public LiveStream,
                               public std::enable_shared_from_this<EventHub::Stream> {
 public:
  Stream(asio::any_io_executor ex, StreamOwner owner, core::Timestamp ends_at)
      : ex_(ex), timer_(ex), owner_(std::move(owner)), ends_at_(ends_at) {}

  // Fixed at construction: read from any thread.
  const StreamOwner& owner() const { return owner_; }
  asio::any_io_executor executor() const { return ex_; }

  // Whether the stream hears an event of referrals sent by `sender` to `receiver`.
  bool hears(const LiveEvent& e) const {
    const auto& org = owner_.organization_id;
    return (owner_.scope.sent && e.sender == org) ||
           (owner_.scope.received && !e.receiver.empty() && e.receiver == org);
  }

  // Executor only, from here on.
  bool admits(core::Timestamp at) override {
    if (!closed_ && at >= ends_at_) close();  // made after the session ended: never delivered
    return !closed_;
  }
  void push(core::Timestamp at, std::string chunk) {
    if (!admits(at)) return;
    if (queue_.size() >= kQueueLimit) {
      closed_ = true;  // a slow reader is dropped, never waited on; it reconnects with Last-Event-ID
    } else {
      queue_.push_back(std::move(chunk));
    }
    timer_.cancel();
  }
  void push_control(std::string chunk) {
    if (closed_) return;
    queue_.push_back(std::move(chunk));
    timer_.cancel();
  }
  void renew(core::Timestamp ends_at) { ends_at_ = ends_at; }
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
  const StreamOwner owner_;
  core::Timestamp ends_at_;  // executor only
  std::deque<std::string> queue_;
  bool closed_ = false;
};

EventHub::EventHub() = default;
EventHub::~EventHub() = default;

void EventHub::for_each_stream(const std::function<void(const std::shared_ptr<Stream>&)>& fn) {
  std::lock_guard lock(mu_);
  std::erase_if(streams_, [](const auto& w) { return w.expired(); });
  for (auto& w : streams_)
    if (auto s = w.lock()) fn(s);
}

void EventHub::publish(LiveEvent event) {
  auto chunk = std::make_shared<std::string>(format_sse(event));
  for_each_stream([&](const std::shared_ptr<Stream>& s) {
    if (s->hears(event))
      asio::post(s->executor(), [s, chunk, at = event.at] { s->push(at, *chunk); });
  });
}

std::shared_ptr<LiveStream> EventHub::subscribe(asio::any_io_executor ex, StreamOwner owner,
                                                core::Timestamp ends_at) {
  auto s = std::make_shared<Stream>(ex, std::move(owner), ends_at);
  // The first chunk sets the client's reconnection delay.
  asio::post(ex, [s] { s->push_control("retry: 3000\n\n"); });
  std::lock_guard lock(mu_);
  streams_.push_back(s);
  return s;
}

void EventHub::end_session(const std::string& session_id) {
  for_each_stream([&](const std::shared_ptr<Stream>& s) {
    if (s->owner().session_id == session_id) asio::post(s->executor(), [s] { s->close(); });
  });
}

void EventHub::end_user_sessions(const std::string& user_id, const std::string& except_session_id) {
  for_each_stream([&](const std::shared_ptr<Stream>& s) {
    const auto& o = s->owner();
    if (o.user_id == user_id && o.session_id != except_session_id)
      asio::post(s->executor(), [s] { s->close(); });
  });
}

std::vector<std::string> EventHub::sessions() const {
  std::vector<std::string> out;
  {
    std::lock_guard lock(mu_);
    for (const auto& w : streams_)
      if (auto s = w.lock()) out.push_back(s->owner().session_id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void EventHub::apply(const std::vector<SessionReview>& reviews) {
  std::unordered_map<std::string, const SessionReview*> by_session;
  for (const auto& r : reviews) by_session.emplace(r.session_id, &r);
  for_each_stream([&](const std::shared_ptr<Stream>& s) {
    auto it = by_session.find(s->owner().session_id);
    if (it == by_session.end()) return;
    const SessionReview& r = *it->second;
    if (!r.usable || r.organization_id != s->owner().organization_id || r.scope != s->owner().scope)
      asio::post(s->executor(), [s] { s->close(); });
    else
      asio::post(s->executor(), [s, ends_at = r.ends_at] { s->renew(ends_at); });
  });
}

void EventHub::close_all() {
  for_each_stream([](const std::shared_ptr<Stream>& s) { asio::post(s->executor(), [s] { s->close(); }); });
}

std::size_t EventHub::streams() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (auto& w : streams_) n += w.expired() ? 0 : 1;
  return n;
}

}  // namespace enlace::gateway
