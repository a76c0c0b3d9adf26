// WAL checkpoints run on the checkpointer's own thread: the writer's commits only nudge it,
// and the pages still reach the database file while the writer's connection stays open.
#include "storage/checkpointer.hpp"
#include "storage/writer.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <string>

namespace enlace::storage {
namespace {

namespace fs = std::filesystem;

class CommitJob final : public WriteJob {
 public:
  explicit CommitJob(int row) : row_(row) {}
  bool run(WriteTxn& tx) override {
    auto st = tx.prepared("INSERT INTO page (id, body) VALUES (?1, ?2)");
    st.bind(1, static_cast<std::int64_t>(row_));
    st.bind(2, std::string(3000, static_cast<char>('a' + row_ % 26)));  // most of a page
    st.run();
    return true;
  }
  void complete(const core::Error* failure) override { done_.set_value(failure == nullptr); }
  void fail(const core::Error&) override {}
  std::future<bool> result() { return done_.get_future(); }

 private:
  int row_;
  std::promise<bool> done_;
};

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Connection::open(path_, {.read_only = false, .create = true});
    c.exec("CREATE TABLE page (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  }
  // One commit per row, each waited for, as replies wait for theirs.
  static void write_rows(Writer& w, int from, int to) {
    for (int i = from; i < to; ++i) {
      auto job = std::make_unique<CommitJob>(i);
      auto f = job->result();
      w.submit(std::move(job));
      ASSERT_TRUE(f.get());
    }
  }
  test::TempDir dir_{"enlace-ckpt"};
  std::string path_ = dir_.file("c.db");
};

TEST_F(CheckpointerTest, TheWalReachesTheDatabaseFileWithoutTheWriterCheckpointing) {
  Checkpointer checkpointer(path_);
  auto conn = Connection::open(path_, {.read_only = false});
  checkpointer.attach(conn);
  Writer writer(std::move(conn));
  auto before = fs::file_size(path_);
  // Under one nudge's worth of frames: nobody checkpoints, the pages stay in the WAL.
  write_rows(writer, 0, Checkpointer::kFrames / 4);
  EXPECT_EQ(checkpointer.checkpoints(), 0u);
  EXPECT_EQ(fs::file_size(path_), before);
  // Past it (about three pages a row, still short of kWriterFrames, where the writer would
  // copy some itself): the thread copies them into the database file.
  write_rows(writer, Checkpointer::kFrames / 4, Checkpointer::kFrames);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (checkpointer.checkpoints() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  ASSERT_GE(checkpointer.checkpoints(), 1u);
  EXPECT_GT(checkpointer.frames_copied(), 0u);
  EXPECT_GT(fs::file_size(path_), before + 1'000'000);  // a thousand rows of ~3 KB
}

TEST_F(CheckpointerTest, TheWalIsReusedRatherThanGrowingWithEveryWrite) {
  Checkpointer checkpointer(path_);
  auto conn = Connection::open(path_, {.read_only = false});
  conn.exec("PRAGMA synchronous = OFF");  // this test counts restarts, not syncs
  checkpointer.attach(conn);
  Writer writer(std::move(conn));
  // The WAL starts over only once every frame was copied, which the thread alone never sees
  // while writes go on (its WAL then held every frame written); the writer's catch-up past
  // kWriterFrames allows it. On a quiet machine it starts over every ~kWriterFrames frames
  // (about three a row). While the thread, descheduled, holds the checkpoint lock the catch-up
  // answers busy and the WAL grows on: that stretch is the machine's, so rows are written until
  // the WAL started over a few times, bounded by a deadline and by a row count (the file of a
  // WAL that never starts over grows with every row).
  constexpr std::uint64_t kRestarts = 3;
  constexpr int kMaxRows = 32 * Checkpointer::kFrames;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int rows = 0;
  while (checkpointer.restarts() < kRestarts && rows < kMaxRows &&
         std::chrono::steady_clock::now() < deadline) {
    write_rows(writer, rows, rows + 100);
    rows += 100;
  }
  EXPECT_GE(checkpointer.restarts(), kRestarts) << "after " << rows << " rows";
}

}  // namespace
}  // namespace enlace::storage
