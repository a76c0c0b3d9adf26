// Checkpointer: see checkpointer.hpp.
#include "storage/checkpointer.hpp"

#include <sqlite3.h>

namespace enlace::storage {

Checkpointer::Checkpointer(const std::string& path)
    : conn_(Connection::open(path, {.read_only = false})) {
  thread_ = std::thread([this] { loop(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void Checkpointer::attach(Connection& writer) {
  // Installing a WAL hook turns SQLite's automatic checkpoint off for that connection.
  sqlite3_wal_hook(writer.raw(), &Checkpointer::on_commit, this);
}

// Writer thread, after each COMMIT, with the number of frames now in the WAL.
int Checkpointer::on_commit(void* self, sqlite3* db, const char*, int frames) {
  auto& c = *static_cast<Checkpointer*>(self);
  if (frames < c.frames_last_) {  // the WAL was started over by this commit
    c.frames_at_nudge_ = 0;
    c.restarts_.fetch_add(1, std::memory_order_relaxed);
  }
  c.frames_last_ = frames;
  if (frames >= kWriterFrames) {
    // Under steady writes the thread never finds the WAL fully copied, and only then does the
    // next write start it over. What is left since its last pass is copied here, so the WAL
    // stays bounded; a busy answer (the thread is at it) means: again at the next commit.
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
  }
  if (frames - c.frames_at_nudge_ >= kFrames) {
    c.frames_at_nudge_ = frames;
    {
      std::lock_guard lock(c.mu_);
      c.due_ = true;
    }
    c.cv_.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::loop() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return due_ || stopping_; });
      if (stopping_) return;
      due_ = false;
    }
    // PASSIVE copies what no reader still needs and syncs the database file (synchronous =
    // FULL); what it cannot copy yet waits for the next nudge. A busy answer means another
    // checkpoint (a backup, `enlace purge`) is running: nothing to do.
    int log = 0, copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(conn_.raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    if (rc == SQLITE_OK) {
      checkpoints_.fetch_add(1, std::memory_order_relaxed);
      frames_copied_.store(static_cast<std::uint64_t>(copied), std::memory_order_relaxed);
    }
  }
}

}  // namespace enlace::storage
