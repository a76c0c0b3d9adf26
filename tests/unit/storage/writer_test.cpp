// The group-commit writer acknowledges only committed work: a failing job rolls back alone,
// a failed COMMIT fails the whole batch, and concurrent submits share commits.
#include "storage/writer.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace enlace::storage {
namespace {

// A job from a lambda; reports run/complete to promises the test waits on.
class LambdaJob final : public WriteJob {
 public:
  explicit LambdaJob(std::function<bool(WriteTxn&)> fn) : fn_(std::move(fn)) {}
  bool run(WriteTxn& tx) override { return ran_ok_ = fn_(tx); }
  void complete(const core::Error* failure) override { done_.set_value(!failure && ran_ok_ && !failed_); }
  void fail(const core::Error&) override { failed_ = true; }
  std::future<bool> result() { return done_.get_future(); }

 private:
  std::function<bool(WriteTxn&)> fn_;
  bool ran_ok_ = false, failed_ = false;
  std::promise<bool> done_;
};

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Connection::open(path_, {.read_only = false, .create = true});
    c.exec("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
    c.exec("CREATE TABLE item (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id) "
           "DEFERRABLE INITIALLY DEFERRED)");
    writer_ = std::make_unique<Writer>(Connection::open(path_, {.read_only = false}));
  }
  void TearDown() override { writer_.reset(); }

  std::future<bool> submit(std::function<bool(WriteTxn&)> fn) {
    auto job = std::make_unique<LambdaJob>(std::move(fn));
    auto f = job->result();
    writer_->submit(std::move(job));
    return f;
  }
  static std::function<bool(WriteTxn&)> insert(std::int64_t id, std::optional<std::int64_t> parent = {}) {
    return [id, parent](WriteTxn& tx) {
      auto st = tx.prepared("INSERT INTO item (id, parent) VALUES (?1, ?2)");
      st.bind(1, id);
      st.bind(2, parent);
      st.run();
      return true;
    };
  }
  // Holds the writer thread inside a batch until released, so later submits queue up and
  // form the next batch together.
  std::promise<void> gate_;
  std::future<bool> hold_writer() {
    auto opened = std::make_shared<std::promise<void>>();
    auto started = opened->get_future();
    auto released = gate_.get_future().share();
    auto f = submit([opened, released](WriteTxn&) {
      opened->set_value();
      released.wait();
      return true;
    });
    started.wait();
    return f;
  }
  std::vector<std::int64_t> committed_ids() {
    auto c = Connection::open(path_, {.read_only = true});
    auto st = c.prepared("SELECT id FROM item ORDER BY id");
    std::vector<std::int64_t> ids;
    while (st.step()) ids.push_back(st.int64(0));
    return ids;
  }

  test::TempDir dir_{"enlace-writer"};
  std::string path_ = dir_.file("w.db");
  std::unique_ptr<Writer> writer_;
};

TEST_F(WriterTest, FailingJobRollsBackOnlyItself) {
  auto held = hold_writer();
  auto a = submit(insert(1));
  auto b = submit([](WriteTxn& tx) {
    insert(2)(tx);
    return false;  // the job's own check failed after it wrote
  });
  auto c = submit([](WriteTxn& tx) {
    insert(3)(tx);
    insert(1)(tx);  // duplicate key: DbError inside the job
    return true;
  });
  auto d = submit(insert(4));
  gate_.set_value();
  EXPECT_TRUE(held.get());
  EXPECT_TRUE(a.get());
  EXPECT_FALSE(b.get());
  EXPECT_FALSE(c.get());
  EXPECT_TRUE(d.get());
  EXPECT_EQ(committed_ids(), (std::vector<std::int64_t>{1, 4}));
  EXPECT_EQ(writer_->stats().commits.load(), 2u);  // the held batch, then a, b, c, d together
}

TEST_F(WriterTest, CommitFailureFailsEveryJobOfTheBatchAndTheWriterRecovers) {
  auto held = hold_writer();
  auto a = submit(insert(1));
  // A deferred foreign key is checked at COMMIT: the savepoint succeeds, the COMMIT fails.
  auto b = submit(insert(2, 999));
  gate_.set_value();
  EXPECT_TRUE(held.get());
  EXPECT_FALSE(a.get());  // nothing of the batch is durable, so nothing is acknowledged
  EXPECT_FALSE(b.get());
  EXPECT_EQ(writer_->stats().commit_failures.load(), 1u);
  EXPECT_TRUE(committed_ids().empty());
  EXPECT_TRUE(submit(insert(5)).get());
  EXPECT_EQ(committed_ids(), (std::vector<std::int64_t>{5}));
}

// Under overload a new write is refused at once as busy rather than queued without limit.
TEST(WriterQueueTest, PastItsLimitASubmitIsRefusedAsBusyAndNothingOfItRuns) {
  test::TempDir dir{"enlace-writer-queue"};
  const auto path = dir.file("q.db");
  Connection::open(path, {.read_only = false, .create = true}).exec("CREATE TABLE item (id INTEGER PRIMARY KEY)");
  Writer writer(Connection::open(path, {.read_only = false}), 2);
  struct Job final : WriteJob {
    std::function<void()> body;
    std::promise<std::optional<core::Error>> done;
    bool run(WriteTxn& tx) override {
      if (body) body();
      tx.prepared("INSERT INTO item DEFAULT VALUES").run();
      return true;
    }
    void complete(const core::Error* failure) override {
      done.set_value(failure ? std::optional<core::Error>(*failure) : std::nullopt);
    }
    void fail(const core::Error&) override {}
  };
  auto submit = [&](std::function<void()> body = {}) {
    auto job = std::make_unique<Job>();
    job->body = std::move(body);
    auto f = job->done.get_future();
    writer.submit(std::move(job));
    return f;
  };
  std::promise<void> entered, release;
  auto released = release.get_future().share();
  auto held = submit([&] { entered.set_value(); released.wait(); });
  entered.get_future().wait();  // the writer is busy with the first; the queue is empty
  auto a = submit(), b = submit();
  auto refused = submit();
  ASSERT_EQ(refused.wait_for(std::chrono::seconds(5)), std::future_status::ready) << "answered at once";
  auto error = refused.get();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, core::ErrorCode::busy);
  EXPECT_EQ(writer.stats().rejected.load(), 1u);
  release.set_value();
  EXPECT_FALSE(held.get().has_value());
  EXPECT_FALSE(a.get().has_value());
  EXPECT_FALSE(b.get().has_value());
  auto c = Connection::open(path, {.read_only = true});
  auto st = c.prepared("SELECT count(*) FROM item");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.int64(0), 3);
}

TEST_F(WriterTest, ConcurrentSubmitsShareCommitsAndAllLand) {
  constexpr int kThreads = 8, kPerThread = 100;
  std::vector<std::thread> threads;
  std::atomic<int> acknowledged{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i)
        if (submit(insert(t * kPerThread + i + 1)).get()) ++acknowledged;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(acknowledged.load(), kThreads * kPerThread);
  EXPECT_EQ(committed_ids().size(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(writer_->stats().jobs.load(), static_cast<std::uint64_t>(kThreads * kPerThread));
  // Submitters that queue while a batch syncs share the next COMMIT.
  EXPECT_LT(writer_->stats().commits.load(), static_cast<std::uint64_t>(kThreads * kPerThread));
}

TEST_F(WriterTest, QueuedJobsShareOneCommit) {
  auto held = hold_writer();
  std::vector<std::future<bool>> f;
  for (int i = 1; i <= 50; ++i) f.push_back(submit(insert(i)));
  gate_.set_value();
  held.get();
  for (auto& x : f) EXPECT_TRUE(x.get());
  EXPECT_EQ(writer_->stats().commits.load(), 2u);
  EXPECT_EQ(committed_ids().size(), 50u);
}

// Records the sign-in generation its completion sees: a reply must not go out before a
// cached session that the batch invalidated is dropped.
class GenerationProbe final : public WriteJob {
 public:
  GenerationProbe(const Writer& w, std::string sql) : writer_(w), sql_(std::move(sql)) {}
  bool run(WriteTxn& tx) override {
    tx.connection().exec(sql_.c_str());
    return true;
  }
  void complete(const core::Error*) override { seen_.set_value(writer_.sign_in_generation()); }
  void fail(const core::Error&) override {}
  std::future<std::uint64_t> seen() { return seen_.get_future(); }

 private:
  const Writer& writer_;
  std::string sql_;
  std::promise<std::uint64_t> seen_;
};

TEST_F(WriterTest, SignInGenerationMovesOnlyWithSessionAndUserRows) {
  auto probe = [&](const std::string& sql) {
    auto job = std::make_unique<GenerationProbe>(*writer_, sql);
    auto f = job->seen();
    writer_->submit(std::move(job));
    return f.get();
  };
  probe("CREATE TABLE session (id INTEGER PRIMARY KEY, ended INTEGER)");
  probe("CREATE TABLE app_user (id INTEGER PRIMARY KEY, active INTEGER)");
  auto start = writer_->sign_in_generation();
  EXPECT_EQ(probe("INSERT INTO item (id) VALUES (1)"), start) << "other tables leave it alone";
  auto after_insert = probe("INSERT INTO session (id, ended) VALUES (1, 0)");
  EXPECT_GT(after_insert, start);
  auto after_end = probe("UPDATE session SET ended = 1 WHERE id = 1");
  EXPECT_GT(after_end, after_insert);
  auto after_user = probe("INSERT INTO app_user (id, active) VALUES (1, 1)");
  EXPECT_GT(after_user, after_end);
  auto after_deactivation = probe("UPDATE app_user SET active = 0");
  EXPECT_GT(after_deactivation, after_user);
  EXPECT_GT(probe("DELETE FROM session WHERE id = 1"), after_deactivation);
  EXPECT_EQ(probe("UPDATE session SET ended = 2 WHERE id = 99"), writer_->sign_in_generation())
      << "a statement that changed no row";
}

// What a job asks to run after COMMIT (publishing its live events) runs once the batch is
// durable, in job order, before any job completes; a job that rolled back, or a batch whose
// COMMIT failed, runs none of it.
TEST_F(WriterTest, AfterCommitRunsInJobOrderOnlyForWhatCommitted) {
  std::vector<std::string> order;  // writer thread only until the futures are ready
  auto note = [&order](std::string what, bool ok, std::function<bool(WriteTxn&)> write) {
    return [&order, what = std::move(what), ok, write = std::move(write)](WriteTxn& tx) {
      write(tx);
      tx.after_commit([&order, what] { order.push_back(what); });
      return ok;
    };
  };
  auto held = hold_writer();
  auto a = submit(note("a", true, insert(1)));
  auto b = submit(note("b", false, insert(2)));  // rolled back alone
  auto c = submit([&order](WriteTxn& tx) {
    // Completion comes after every follower of the batch.
    tx.after_commit([&order] { order.push_back("c"); });
    tx.after_commit([] { throw std::runtime_error("a follower failed"); });
    tx.after_commit([&order] { order.push_back("c2"); });
    return insert(3)(tx);
  });
  gate_.set_value();
  EXPECT_TRUE(held.get());
  EXPECT_TRUE(a.get());
  EXPECT_FALSE(b.get());
  EXPECT_TRUE(c.get());
  EXPECT_EQ(order, (std::vector<std::string>{"a", "c", "c2"}));

  order.clear();
  gate_ = std::promise<void>();
  auto held2 = hold_writer();
  auto d = submit(note("d", true, insert(4)));
  auto e = submit(note("e", true, insert(5, 999)));  // fails at COMMIT (deferred key)
  gate_.set_value();
  EXPECT_TRUE(held2.get());
  EXPECT_FALSE(d.get());
  EXPECT_FALSE(e.get());
  EXPECT_TRUE(order.empty());
}

// SQLite's temporary files (a spilled sub-journal is one) are named etilqs_* and unlinked at
// once, so only the process's open descriptors show them.
bool temp_file_open() {
  for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    auto target = std::filesystem::read_symlink(fd.path(), ec).string();
    if (!ec && target.find("etilqs_") != std::string::npos) return true;
  }
  return false;
}

// A job's SAVEPOINT keeps the original of each page it changes; past 64 KiB SQLite would spill
// that to a temporary file, two more writes per page for a referral's thirty-odd pages.
TEST_F(WriterTest, ALargeJobKeepsItsSavepointInMemory) {
  // A hundred pages that exist before the job: only those need their originals kept.
  ASSERT_TRUE(submit([](WriteTxn& tx) {
                tx.prepared("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)").run();
                for (int i = 1; i <= 100; ++i) {
                  auto st = tx.prepared("INSERT INTO note (id, body) VALUES (?1, ?2)");
                  st.bind(1, static_cast<std::int64_t>(i));
                  st.bind(2, std::string(3000, 'a'));
                  st.run();
                }
                return true;
              }).get());
  bool spilled = true;
  auto large = submit([&spilled](WriteTxn& tx) {
    tx.prepared("UPDATE note SET body = upper(body)").run();  // 400 KiB of originals
    spilled = temp_file_open();
    return true;
  });
  EXPECT_TRUE(large.get());
  EXPECT_FALSE(spilled);
}

TEST_F(WriterTest, DrainReturnsOnceEveryQueuedJobHasCompleted) {
  auto held = hold_writer();
  std::vector<std::future<bool>> f;
  for (int i = 1; i <= 20; ++i) f.push_back(submit(insert(i)));
  gate_.set_value();
  writer_->drain();
  for (auto& x : f) EXPECT_EQ(x.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_EQ(committed_ids().size(), 20u);
  writer_->drain();  // nothing queued: returns at once
}

}  // namespace
}  // namespace enlace::storage
