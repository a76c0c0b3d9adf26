// The feed between processes sharing a PostgreSQL database: see database_feed.hpp.
#include "storage/database_feed.hpp"

#include "storage/postgres/pg_connection.hpp"
#include "storage/sql.hpp"
#include "storage/txn.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

namespace enlace::storage {

namespace {

// The leader's session-level advisory lock: "enlace" 03 (02 is the audit chain's).
constexpr std::int64_t kLeaderLock = 0x656e6c616365'03;

}  // namespace

DatabaseFeed::DatabaseFeed(std::string uri, DatabaseFeedHandlers handlers)
    : uri_(std::move(uri)), handlers_(std::move(handlers)),
      wake_fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  thread_ = std::thread([this] { run(); });
}

DatabaseFeed::~DatabaseFeed() {
  stop();
  if (wake_fd_ >= 0) close(wake_fd_);
}

void DatabaseFeed::stop() {
  stopping_.store(true);
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
}

void DatabaseFeed::request_scan() {
  scan_wanted_.store(true);
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = write(wake_fd_, &one, sizeof one);
}

void DatabaseFeed::run() {
  while (!stopping_.load()) {
    try {
      follow();
    } catch (const DbError& e) {
      if (handlers_.trouble) handlers_.trouble(e.message);
    } catch (const std::exception& e) {
      if (handlers_.trouble) handlers_.trouble(e.what());
    }
    // A connection that was up and ended (a failover, an idle timeout, a terminated backend)
    // is replaced at once; one that could not be made is tried again each second.
    const bool was_up = connected_.exchange(false);
    // The connection is gone, and with it the lock: another process may lead now.
    if (leading_) {
      leading_ = false;
      handlers_.leading(false);
    }
    if (!stopping_.load() && !was_up) pause(std::chrono::seconds(1));
  }
}

void DatabaseFeed::follow() {
  auto conn = Connection::open(uri_, {});
  conn.exec("LISTEN enlace_live_event");
  conn.exec("LISTEN enlace_sign_in");
  conn.exec("LISTEN enlace_scan");
  // Statements outside a transaction: each reads what is committed when it runs.
  ReadTxn tx(conn);
  // Events before the first start are for Last-Event-ID replay only; after a lost connection,
  // those committed meanwhile are handed on now.
  if (last_id_ < 0) last_id_ = LiveEventRepository::newest_id(tx);
  connected_.store(true);
  handlers_.sign_ins_changed();
  last_id_ = catch_up(tx, last_id_);

  auto next_check = std::chrono::steady_clock::now();
  while (!stopping_.load()) {
    if (std::chrono::steady_clock::now() >= next_check) {
      if (!leading_) {
        auto st = tx.prepared("SELECT pg_try_advisory_lock(?1)");
        st.bind(1, kLeaderLock);
        st.step();
        if (st.int64(0) == 1) {
          leading_ = true;
          handlers_.leading(true);
        }
      } else {
        // A leader whose connection died without a word (a cut network) must find out, and
        // stop leading, before the server ends its session and another process takes over.
        auto st = tx.prepared("SELECT 1");
        st.step();
      }
      next_check = std::chrono::steady_clock::now() + kRetry;
    }
    if (scan_wanted_.exchange(false)) conn.exec("NOTIFY enlace_scan");
    wait(conn.pg()->socket(), next_check);
    bool events = false, sign_ins = false, scan = false;
    for (const auto& channel : conn.pg()->take_notifications()) {
      events |= channel == "enlace_live_event";
      sign_ins |= channel == "enlace_sign_in";
      scan |= channel == "enlace_scan";
    }
    // Sign-ins first: a stream of a session ended before an event was committed should end
    // before that event is handed on.
    if (sign_ins) handlers_.sign_ins_changed();
    if (events) last_id_ = catch_up(tx, last_id_);
    if (scan && leading_) handlers_.scan_requested();
  }
}

std::int64_t DatabaseFeed::catch_up(ReadTxn& tx, std::int64_t last_id) {
  for (;;) {
    auto rows = LiveEventRepository::all_after(tx, last_id, kMaxReplayEvents);
    if (rows.empty()) return last_id;
    last_id = rows.back().id;
    bool more = rows.size() == static_cast<std::size_t>(kMaxReplayEvents);
    handlers_.live_events(std::move(rows));
    if (!more) return last_id;
  }
}

void DatabaseFeed::wait(int socket, std::chrono::steady_clock::time_point until) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      until - std::chrono::steady_clock::now());
  pollfd fds[2] = {{socket, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  poll(fds, 2, static_cast<int>(std::max<std::int64_t>(0, left.count())));
  if (fds[1].revents & POLLIN) {
    std::uint64_t n;
    [[maybe_unused]] auto r = read(wake_fd_, &n, sizeof n);
  }
}

void DatabaseFeed::pause(std::chrono::seconds how_long) {
  // A scan asked for meanwhile wakes the wait without ending the pause; stop() ends it.
  auto until = std::chrono::steady_clock::now() + how_long;
  while (!stopping_.load() && std::chrono::steady_clock::now() < until) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    pollfd fd{wake_fd_, POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(std::max<std::int64_t>(0, left.count()))) > 0) {
      std::uint64_t n;
      [[maybe_unused]] auto r = read(wake_fd_, &n, sizeof n);
    }
  }
}

}  // namespace enlace::storage
