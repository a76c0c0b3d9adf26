// What the processes serving one PostgreSQL database tell each other, over one connection per
// process that LISTENs (API.md "PostgreSQL": several `enlace serve` processes may share a
// database). Writes NOTIFY inside their transaction, so that a notice is sent at COMMIT and
// never for a write rolled back, and carries no payload (no personal data):
// - enlace_live_event: new live_event rows (live_event_repository.cpp); the feed reads the rows
//   after the last id it handed on and hands them on in id order, each once, this process's
//   own included;
// - enlace_sign_in: a batch changed session or app_user rows (writer.cpp): the sessions of
//   open event streams must be checked again (requests look theirs up every time);
// - enlace_scan: a process that does not run the scheduled work asks the one that does for an
//   overdue scan now (a listing showed an overdue referral whose notice has not gone out).
// The same connection holds the session-level advisory lock that makes one process the leader,
// the one that runs the scheduled work: tried every kRetry while another holds it, released by
// PostgreSQL when the holder's connection ends (exit, kill -9, a lost network), so another
// process takes over within kRetry. The feed reconnects by itself after a lost connection,
// catches up from the last id it handed on, and reports the sign-ins as changed (it could not
// hear of them meanwhile). One thread of its own; nothing on SQLite (one process per file).
#pragma once

#include "core/ports/shared_database_feed.hpp"
#include "storage/live_event_repository.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace enlace::storage {

// Called on the feed's thread; each must return quickly and not throw.
struct DatabaseFeedHandlers {
  std::function<void(std::vector<LiveEventRecord>)> live_events;  // in id order, each once
  std::function<void()> sign_ins_changed;
  std::function<void()> scan_requested;  // only while this process leads
  std::function<void(bool)> leading;     // this process became, or stopped being, the leader
  std::function<void(const std::string&)> trouble;  // the connection failed (for the log)
};

class DatabaseFeed final : public core::SharedDatabaseFeed {
 public:
  // How often a follower tries to become the leader, and a leader checks its connection.
  static constexpr std::chrono::seconds kRetry{2};

  // Starts following `uri` (a postgresql:// URI) at once.
  DatabaseFeed(std::string uri, DatabaseFeedHandlers handlers);
  ~DatabaseFeed() override;  // stop()
  DatabaseFeed(const DatabaseFeed&) = delete;
  DatabaseFeed& operator=(const DatabaseFeed&) = delete;

  // Ends the thread and its connection (releasing the leadership). Any thread but the feed's.
  void stop();
  // Asks the leader, whichever process it is, for a scan (enlace_scan). Any thread.
  void request_scan() override;

 private:
  void run();
  void follow();  // one connection's life; throws DbError when it fails
  std::int64_t catch_up(ReadTxn& tx, std::int64_t last_id);
  void wait(int socket, std::chrono::steady_clock::time_point until);
  void pause(std::chrono::seconds how_long);

  const std::string uri_;
  const DatabaseFeedHandlers handlers_;
  int wake_fd_ = -1;  // an eventfd: stop() and request_scan() interrupt the wait
  std::atomic<bool> stopping_{false};
  std::atomic<bool> scan_wanted_{false};
  std::atomic<bool> connected_{false};
  std::int64_t last_id_ = -1;  // feed thread only; -1 until the first connection
  bool leading_ = false;       // feed thread only
  std::thread thread_;
};

}  // namespace enlace::storage
