// WAL checkpoints off the writer thread. SQLite's automatic checkpoint runs inside the COMMIT
// that crossed its threshold, on the single writer and before that batch's replies: under
// sustained writes, copying pages from the WAL into the database file and syncing it was a
// large part of the writer's time (docs/PERFORMANCE.md). Here the writer's WAL hook only looks
// at the WAL's size, and a thread with its own connection runs PASSIVE checkpoints, which never
// wait for the writer or the readers, each time the WAL has grown by kFrames.
#pragma once

#include "storage/sql.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace enlace::storage {

class Checkpointer {
 public:
  static constexpr int kFrames = 1000;  // SQLite's own threshold for its automatic checkpoint
  // Past this the writer copies the little the thread has not yet, so that the WAL can start
  // over (it does so only once every frame has been copied).
  static constexpr int kWriterFrames = 4 * kFrames;

  explicit Checkpointer(const std::string& path);
  ~Checkpointer();  // lets a running checkpoint finish, then stops
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Replaces `writer`'s automatic checkpoint with a nudge to this thread. The connection must
  // be closed before this object is destroyed.
  void attach(Connection& writer);

  std::uint64_t checkpoints() const { return checkpoints_.load(std::memory_order_relaxed); }
  // Frames copied into the database file by the last checkpoint.
  std::uint64_t frames_copied() const { return frames_copied_.load(std::memory_order_relaxed); }
  // Times a commit found the WAL started over from its beginning (its file reused, not grown).
  std::uint64_t restarts() const { return restarts_.load(std::memory_order_relaxed); }

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int frames);
  void loop();

  Connection conn_;          // checkpoint thread only
  int frames_at_nudge_ = 0;  // writer thread only: the WAL's size at the last nudge
  int frames_last_ = 0;      // writer thread only: the WAL's size at the last commit
  std::mutex mu_;
  std::condition_variable cv_;
  bool due_ = false, stopping_ = false;
  std::atomic<std::uint64_t> checkpoints_{0}, frames_copied_{0}, restarts_{0};
  std::thread thread_;
};

}  // namespace enlace::storage
