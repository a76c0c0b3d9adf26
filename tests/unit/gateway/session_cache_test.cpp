// The session cache hands back an entry only while it is current: same sign-in generation,
// younger than its maximum age, clock not set back.
#include "gateway/session_cache.hpp"

#include <gtest/gtest.h>

namespace enlace::gateway {
namespace {

using namespace std::chrono_literals;

core::SessionActor session(const std::string& id) {
  core::SessionActor s;
  s.session.id = id;
  s.actor.user_id = "user-" + id;
  return s;
}

const core::Timestamp t0 = core::Timestamp{} + std::chrono::hours(24 * 365 * 56);

TEST(SessionCache, HitWhileTheGenerationIsUnchanged) {
  SessionCache cache;
  cache.store("hash-a", session("a"), 7, t0);
  auto hit = cache.find("hash-a", 7, t0 + 1s);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->session.id, "a");
  EXPECT_FALSE(cache.find("hash-b", 7, t0 + 1s));
}

TEST(SessionCache, AnyWriteToSessionsOrUsersMakesEveryEntryStale) {
  SessionCache cache;
  cache.store("hash-a", session("a"), 7, t0);
  EXPECT_FALSE(cache.find("hash-a", 8, t0));
  EXPECT_FALSE(cache.find("hash-a", 7, t0)) << "a stale entry is dropped, not revived";
}

TEST(SessionCache, ALookupThatRacedAWriteIsNeverCurrent) {
  SessionCache cache;
  // The lookup began at 7; a sign-out committed meanwhile and moved the generation to 8.
  cache.store("hash-a", session("a"), 7, t0);
  EXPECT_FALSE(cache.find("hash-a", 8, t0));
}

TEST(SessionCache, EntriesExpireAfterTheirMaximumAge) {
  SessionCache cache(100, 10s);
  cache.store("hash-a", session("a"), 1, t0);
  EXPECT_TRUE(cache.find("hash-a", 1, t0 + 9s));
  EXPECT_FALSE(cache.find("hash-a", 1, t0 + 10s));
}

TEST(SessionCache, AClockSetBackMakesEntriesStale) {
  SessionCache cache;
  cache.store("hash-a", session("a"), 1, t0);
  EXPECT_FALSE(cache.find("hash-a", 1, t0 - 1s));
}

TEST(SessionCache, StaysWithinItsCapacity) {
  SessionCache cache(3);
  for (int i = 0; i < 3; ++i) cache.store("old-" + std::to_string(i), session("o"), 1, t0);
  cache.store("new", session("n"), 2, t0);
  EXPECT_EQ(cache.size(), 1u) << "entries of an older generation go first";
  for (int i = 0; i < 10; ++i) cache.store("h" + std::to_string(i), session("x"), 2, t0);
  EXPECT_LE(cache.size(), 3u);
  EXPECT_TRUE(cache.find("h9", 2, t0));
}

TEST(SessionCache, ALateStaleLookupDoesNotEvictCurrentEntries) {
  SessionCache cache(2);
  cache.store("a", session("a"), 5, t0);
  cache.store("b", session("b"), 5, t0);
  cache.store("late", session("l"), 4, t0);  // began before the last write; full cache
  EXPECT_TRUE(cache.find("a", 5, t0));
  EXPECT_TRUE(cache.find("b", 5, t0)) << "an older lookup is not kept at their expense";
  EXPECT_FALSE(cache.find("late", 5, t0));
}

}  // namespace
}  // namespace enlace::gateway
