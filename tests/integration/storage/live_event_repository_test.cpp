// LiveEventRepository against real SQLite: the replay after Last-Event-ID gives an
// organisation the events of its side only (received, sent or both), a referral within one
// organisation reaches both sides, a draft's events the sender only, and rows written before
// the direction was kept still replay.
#include "storage/live_event_repository.hpp"
#include "storage/migrations.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace enlace::storage {
namespace {

class LiveEventRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("enlace-live-event-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "db.sqlite").string();
    ASSERT_TRUE(migrate(path_));
    conn_.emplace(Connection::open(path_, {}));
  }
  void TearDown() override {
    conn_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::int64_t insert(const std::string& sender, const std::string& receiver, const std::string& data) {
    WriteTxn tx(*conn_);
    return LiveEventRepository::insert(tx, sender, receiver, "referral.updated", data, now_);
  }
  // The `data` of the events `org` replays in `scope` from the start.
  std::vector<std::string> replay(const std::string& org, core::EventScope scope) {
    ReadTxn tx(*conn_);
    std::vector<std::string> out;
    for (const auto& e : LiveEventRepository::events_after(tx, org, scope, 0)) out.push_back(e.data);
    return out;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::optional<Connection> conn_;
  core::Timestamp now_ = core::from_millis(1'700'000'000'000);
};

using Data = std::vector<std::string>;
constexpr core::EventScope kInbox{.received = true}, kOutbox{.sent = true},
    kBoth{.received = true, .sent = true};

TEST_F(LiveEventRepositoryTest, ReplayGivesEachOrganisationItsSideOnly) {
  insert("o1", "o2", "o1 to o2");
  insert("o1", "", "o1 draft");
  insert("o2", "o2", "o2 to itself");
  insert("o3", "o1", "o3 to o1");
  EXPECT_EQ(replay("o1", kOutbox), (Data{"o1 to o2", "o1 draft"}));
  EXPECT_EQ(replay("o1", kInbox), (Data{"o3 to o1"}));
  EXPECT_EQ(replay("o1", kBoth), (Data{"o1 to o2", "o1 draft", "o3 to o1"}));
  EXPECT_EQ(replay("o2", kInbox), (Data{"o1 to o2", "o2 to itself"}));
  EXPECT_EQ(replay("o2", kOutbox), (Data{"o2 to itself"}));
  EXPECT_EQ(replay("o4", kBoth), Data{});
  EXPECT_EQ(replay("o1", core::EventScope{}), Data{});
}

TEST_F(LiveEventRepositoryTest, ReplayKeepsTheEventsTimeAndSides) {
  auto id = insert("o1", "o2", "{}");
  ReadTxn tx(*conn_);
  auto events = LiveEventRepository::events_after(tx, "o2", kInbox, id - 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].id, id);
  EXPECT_EQ(events[0].at, now_);
  EXPECT_EQ(events[0].sender, "o1");
  EXPECT_EQ(events[0].receiver, "o2");
  EXPECT_TRUE(LiveEventRepository::events_after(tx, "o2", kInbox, id).empty());
}

// Before the direction was kept, a referral within one organisation named it once: such a
// row replays as the sender's, never to a side that may not hear it.
TEST_F(LiveEventRepositoryTest, RowsFromBeforeTheDirectionReplayBySender) {
  conn_->exec(R"sql(
      INSERT INTO live_event (at, organizations, type, data)
      VALUES (0, 'o1 o2', 'referral.updated', 'old o1 to o2'),
             (0, 'o1', 'referral.updated', 'old o1 alone'))sql");
  EXPECT_EQ(replay("o1", kOutbox), (Data{"old o1 to o2", "old o1 alone"}));
  EXPECT_EQ(replay("o1", kInbox), Data{});
  EXPECT_EQ(replay("o2", kInbox), (Data{"old o1 to o2"}));
  EXPECT_EQ(replay("o2", kOutbox), Data{});
}

}  // namespace
}  // namespace enlace::storage
