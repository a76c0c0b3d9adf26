// The group-commit writer acknowledges only committed work: a failing job rolls back alone,
// a failed COMMIT fails the whole batch, and concurrent submits share commits.
#include "storage/writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <future>
#include <thread>
#include <unistd.h>
#include <vector>

namespace enlace::storage {
namespace {

namespace fs = std::filesystem;

// A job from a lambda; reports run/complete to promises the test waits on.
class LambdaJob final : public WriteJob {
 public:
  explicit LambdaJob(std::function<bool(WriteTxn&)> fn) : fn_(std::move(fn)) {}
  bool run(WriteTxn& tx) override { return ran_ok_ = fn_(tx); }
  void complete(bool committed) override { done_.set_value(committed && ran_ok_ && !failed_); }
  void fail(const char*) override { failed_ = true; }
  std::future<bool> result() { return done_.get_future(); }

 private:
  std::function<bool(WriteTxn&)> fn_;
  bool ran_ok_ = false, failed_ = false;
  std::promise<bool> done_;
};

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/enlace-writer-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/w.db";
    auto c = Connection::open(path_, {.read_only = false, .create = true});
    c.exec("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
    c.exec("CREATE TABLE item (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id) "
           "DEFERRABLE INITIALLY DEFERRED)");
    writer_ = std::make_unique<Writer>(Connection::open(path_, {.read_only = false}));
  }
  void TearDown() override {
    writer_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

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

  std::string dir_, path_;
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
    insert(1)(tx);  // duplicate key: SqliteError inside the job
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

}  // namespace
}  // namespace enlace::storage
