// Request ids (gateway/request_id.hpp): 16 hex digits, never the same twice across threads.
#include "gateway/request_id.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace enlace::gateway;

TEST(RequestIdTest, IdsAreSixteenHexDigitsAndDistinctAcrossThreads) {
  std::mutex mu;
  std::set<std::string> ids;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      std::vector<std::string> mine;
      for (int i = 0; i < 5000; ++i) mine.push_back(new_request_id());
      std::lock_guard lock(mu);
      ids.insert(mine.begin(), mine.end());
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ids.size(), 20000u);  // each thread seeded apart, not one sequence four times
  for (const auto& id : ids) {
    ASSERT_EQ(id.size(), 16u) << id;
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  }
}
