// Stream session review: see stream_session_watch.hpp.
#include "gateway/stream_session_watch.hpp"

#include "core/use_cases/authenticate_session.hpp"
#include "gateway/app.hpp"
#include "gateway/auth.hpp"
#include "gateway/db_await.hpp"
#include "gateway/log.hpp"
#include "gateway/port_jobs.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace enlace::gateway {

namespace asio = boost::asio;

namespace {

// What the streams of one session may still do, from the session as just read (null: its row
// is gone).
SessionReview review_of(const App& app, const std::string& session_id,
                        const core::SessionActor* s, core::Timestamp now) {
  SessionReview r;
  r.session_id = session_id;
  if (!s) return r;
  r.usable = session_usable(app, *s, now);
  r.organization_id = s->actor.organization_id;
  r.scope = core::live_event_scope(s->actor);
  r.ends_at = session_ends_at(app, s->session, s->session.last_used_at);
  return r;
}

class TimerWatch final : public StreamSessionWatch,
                         public std::enable_shared_from_this<TimerWatch> {
 public:
  TimerWatch(App& app, asio::io_context& ioc)
      : app_(app), strand_(asio::make_strand(ioc)), timer_(strand_),
        interval_(app.config.stream_session_check_ms) {}

  void start() { asio::co_spawn(strand_, run(shared_from_this()), asio::detached); }

  void stop() override {
    asio::post(strand_, [self = shared_from_this()] {
      self->stopped_ = true;
      self->timer_.cancel();
    });
  }

  void review_now() override {
    asio::post(strand_, [self = shared_from_this()] {
      self->nudged_ = true;
      self->timer_.cancel();  // wakes the wait; during a review it cancels nothing
    });
  }

 private:
  bool stopping() const { return stopped_ || app_.stopping.load(); }

  static asio::awaitable<void> run(std::shared_ptr<TimerWatch> self) {
    while (!self->stopping()) {
      if (!self->nudged_) {
        self->timer_.expires_after(self->interval_);
        boost::system::error_code ec;
        co_await self->timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (self->stopping()) break;
      }
      self->nudged_ = false;
      co_await self->review();
    }
  }

  asio::awaitable<void> review() {
    auto ids = app_.events.sessions();
    if (ids.empty()) co_return;
    auto read = read_on(&core::ReadUnit::sessions,
        [ids](core::SessionReader& reader)
            -> core::Result<std::vector<std::optional<core::SessionActor>>> {
          return core::sessions_of_streams(reader, ids);
        });
    auto found = co_await db_read(app_.db, std::move(read));
    if (!found) {
      // Streams keep their last deadline meanwhile; the next interval tries again.
      log_event(LogLevel::warn, "stream_session_review_failed", {{"detail", found.error().detail}});
      co_return;
    }
    const core::Timestamp now = app_.clock.now();
    std::vector<SessionReview> reviews;
    reviews.reserve(ids.size());
    // One per id, in order; none where the session is gone.
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto& s = (*found)[i];
      reviews.push_back(review_of(app_, ids[i], s ? &*s : nullptr, now));
    }
    app_.events.apply(reviews);
  }

  App& app_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer timer_;
  std::chrono::milliseconds interval_;
  bool stopped_ = false;  // strand only
  bool nudged_ = false;   // strand only
};

}  // namespace

std::shared_ptr<StreamSessionWatch> start_stream_session_watch(App& app, asio::io_context& ioc) {
  auto w = std::make_shared<TimerWatch>(app, ioc);
  w->start();
  return w;
}

}  // namespace enlace::gateway
