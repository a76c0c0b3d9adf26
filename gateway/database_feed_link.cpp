// The database feed's handlers: see database_feed_link.hpp.
#include "gateway/database_feed_link.hpp"

#include "gateway/app.hpp"
#include "gateway/live_events.hpp"
#include "gateway/log.hpp"
#include "gateway/stream_session_watch.hpp"
#include "storage/postgres/pg_uri.hpp"

namespace enlace::gateway {

std::unique_ptr<storage::DatabaseFeed> start_database_feed(App& app, StreamSessionWatch& watch) {
  if (!storage::is_postgres_uri(app.config.db)) return nullptr;
  storage::DatabaseFeedHandlers h;
  h.live_events = [&app](std::vector<storage::LiveEventRecord> records) {
    for (auto& r : records) {
      LiveEvent e;
      e.id = r.id;
      e.at = r.at;
      e.sender = std::move(r.sender);
      e.receiver = std::move(r.receiver);
      e.type = std::move(r.type);
      e.data = std::move(r.data);
      app.events.publish(std::move(e));
    }
  };
  // Requests look their session up on every request here (auth.cpp): only the streams,
  // which outlive requests, need the news.
  h.sign_ins_changed = [&watch] { watch.review_now(); };
  h.scan_requested = [&app] {
    if (app.overdue_scanner) app.overdue_scanner->nudge();
  };
  h.leading = [&app](bool leading) {
    app.runs_scheduled_work.store(leading);
    log_event(LogLevel::info, leading ? "scheduled_work_here" : "scheduled_work_elsewhere",
              {{"detail", leading ? "this process runs the scheduled work"
                                  : "another process sharing the database runs the scheduled work"}});
    // Work that fell due while no process led is done now.
    if (leading && app.overdue_scanner) app.overdue_scanner->nudge();
  };
  h.trouble = [](const std::string& cause) {
    log_event(LogLevel::warn, "database_feed_lost",
              {{"detail", "reconnecting; live events and sign-outs of other processes wait"},
               {"cause", cause}});
  };
  auto feed = std::make_unique<storage::DatabaseFeed>(app.config.db, std::move(h));
  app.feed = feed.get();
  return feed;
}

}  // namespace enlace::gateway
