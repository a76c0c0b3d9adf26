// GET /api/v1/events: Server-Sent Events of referral changes of the caller's organisation, in
// the scope of the caller's roles (core::live_event_scope). Each stream is a coroutine waiting
// on a timer, not a thread; Last-Event-ID replays what was missed from live_event, filtered
// the same way in the query. A stream ends with the session that opened it (event_hub.hpp).
#include "core/use_cases/live_events.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/referral_common.hpp"
#include "gateway/port_jobs.hpp"
#include "gateway/responses.hpp"

#include <boost/asio/this_coro.hpp>

#include <charconv>
#include <deque>

namespace enlace::gateway {

namespace asio = boost::asio;

namespace {

// The id of an SSE chunk that carries an event ("id: N\n..."), if it is one.
std::optional<std::int64_t> chunk_id(const std::string& chunk) {
  if (chunk.rfind("id: ", 0) != 0) return std::nullopt;
  std::int64_t id = 0;
  auto end = chunk.find('\n');
  auto [p, ec] = std::from_chars(chunk.data() + 4, chunk.data() + end, id);
  if (ec != std::errc()) return std::nullopt;
  return id;
}

// Subscribed to the hub before the backlog is read, so nothing committed in between is lost;
// live events the backlog already delivered are skipped by id. The backlog is read in batches
// of kMaxReplayEvents until one comes back short, so that a client that missed more than one
// batch (a burst of overdue notices) still gets every event, each once.
class ReplayingSource final : public EventSource {
 public:
  ReplayingSource(App& app, std::shared_ptr<LiveStream> live, core::Actor actor,
                  std::int64_t last_id)
      : app_(app), live_(std::move(live)), actor_(std::move(actor)), delivered_up_to_(last_id) {}

  asio::awaitable<std::optional<std::string>> next() override {
    while (pending_.empty() && replaying_) {
      auto read = read_on(&core::ReadUnit::live_events,
          [actor = actor_, last = delivered_up_to_](core::LiveEventReader& reader) {
            return core::replay_live_events(reader, actor, last);
          });
      auto backlog = co_await db_read(app_.db, std::move(read));
      // Going live without the rest of the backlog would skip it for good; ending the stream
      // makes the client reconnect from the last id it got.
      if (!backlog) co_return std::nullopt;
      replaying_ = backlog->more;
      for (auto& e : backlog->events) {
        delivered_up_to_ = std::max(delivered_up_to_, e.id);
        pending_.push_back(Pending{e.at, format_sse({e.id, e.at, std::move(e.sender),
                                                     std::move(e.receiver), std::move(e.type),
                                                     std::move(e.data)})});
      }
    }
    if (!pending_.empty()) {
      Pending p = std::move(pending_.front());
      pending_.pop_front();
      // The session may have ended while the backlog was read: nothing made after that.
      if (!live_->admits(p.at)) co_return std::nullopt;
      co_return std::move(p.chunk);
    }
    for (;;) {
      auto chunk = co_await live_->next();
      if (!chunk) co_return std::nullopt;
      if (auto id = chunk_id(*chunk); id && *id <= delivered_up_to_) continue;
      co_return chunk;
    }
  }

 private:
  struct Pending {
    core::Timestamp at;
    std::string chunk;
  };
  App& app_;
  std::shared_ptr<LiveStream> live_;
  core::Actor actor_;  // whose organisation and roles the replay is scoped to
  std::int64_t delivered_up_to_;  // Last-Event-ID, then the newest event replayed
  bool replaying_ = true;
  std::deque<Pending> pending_;
};

}  // namespace

asio::awaitable<Response> get_events(Request& req) {
  App& app = *req.app;
  auto scope = core::event_stream_scope(req.caller());
  if (!scope) {
    std::string entity_id = "";
    co_return refuse(req, scope.error(), "events.subscribe", "live_event", std::move(entity_id));
  }
  std::optional<std::int64_t> last_id;
  if (auto h = req.header("last-event-id")) {
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(h->data(), h->data() + h->size(), n);
    if (ec != std::errc() || p != h->data() + h->size() || n < 0)
      co_return problem(req, 400, "malformed-request", "",
                        "Last-Event-ID must be the id of an event this server sent.");
    last_id = n;
  }
  auto ex = co_await asio::this_coro::executor;
  const auto& caller = req.caller();
  auto live = app.events.subscribe(
      ex, StreamOwner{caller.session_id, caller.user_id, caller.organization_id, *scope},
      req.session_ends_at);
  Response res;
  res.set("X-Accel-Buffering", "no");  // a proxy must pass events on as they come
  if (last_id)
    res.stream = std::make_shared<ReplayingSource>(app, std::move(live), caller, *last_id);
  else
    res.stream = std::move(live);
  co_return res;
}

}  // namespace enlace::gateway
