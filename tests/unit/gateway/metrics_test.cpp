// Request metrics (gateway/metrics.hpp): counted per thread, summed when scraped.
#include "gateway/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

using namespace enlace::gateway;

TEST(MetricsTest, RequestsRecordedOnManyThreadsAreSummedAtTheScrape) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 12; ++t)  // more threads than shards: some share one
    threads.emplace_back([&m, t] {
      for (int i = 0; i < 1000; ++i) {
        m.record("GET", "/healthz", 200, 0.0002);
        if (t % 3 == 0) m.record("POST", "/api/v1/referrals", 201, 0.003);
      }
    });
  for (auto& t : threads) t.join();
  enlace::core::WriterStats writer;
  auto out = m.render(writer, {});
  EXPECT_NE(out.find("enlace_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 12000\n"),
            std::string::npos) << out;
  EXPECT_NE(out.find("enlace_http_requests_total{method=\"POST\",route=\"/api/v1/referrals\",status=\"201\"} 4000\n"),
            std::string::npos) << out;
  EXPECT_NE(out.find("enlace_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.0005\"} 12000\n"),
            std::string::npos) << out;
  EXPECT_NE(out.find("enlace_http_request_duration_seconds_bucket{route=\"/api/v1/referrals\",le=\"0.0025\"} 0\n"),
            std::string::npos) << out;
  EXPECT_NE(out.find("enlace_http_request_duration_seconds_count{route=\"/api/v1/referrals\"} 4000\n"),
            std::string::npos) << out;
  // One series per key, however many shards counted it.
  EXPECT_EQ(out.find("route=\"/healthz\",status=\"200\"}"), out.rfind("route=\"/healthz\",status=\"200\"}"));
}

// A scrape lists each series once, in key order, whichever shards counted it: the same text as
// when one thread counted everything (durations exact in binary, so the sums add up alike).
TEST(MetricsTest, TheScrapeIsTheSameTextWhicheverThreadsCounted) {
  struct Call {
    const char* method;
    const char* route;
    int status;
    double seconds;
  };
  const std::vector<Call> calls = {{"GET", "/healthz", 200, 0.25},
                                   {"POST", "/api/v1/referrals", 201, 0.5},
                                   {"GET", "/api/v1/referrals/{id}", 404, 0.125},
                                   {"GET", "/api/v1/referrals/{id}", 200, 2},
                                   {"DELETE", "/api/v1/sessions/{id}", 204, 0.0078125}};
  Metrics one, many;
  for (int round = 0; round < 3; ++round)
    for (const auto& c : calls) one.record(c.method, c.route, c.status, c.seconds);
  std::vector<std::thread> threads;
  for (int t = 0; t < 15; ++t)  // each key counted by three threads, most likely on three shards
    threads.emplace_back([&many, &calls, t] {
      const auto& c = calls[static_cast<std::size_t>(t) % calls.size()];
      many.record(c.method, c.route, c.status, c.seconds);
    });
  for (auto& t : threads) t.join();
  enlace::core::WriterStats writer;
  EXPECT_EQ(many.render(writer, {}), one.render(writer, {}));
}

// The database engine's own figures come named and explained (core::EngineCounter): each is
// shown as given, after the writer's commits and before its batch sizes.
TEST(MetricsTest, EngineCountersAreShownAsGiven) {
  Metrics m;
  enlace::core::WriterStats writer;
  auto out = m.render(writer, {{"enlace_x_total", "Things counted.", "counter", 7},
                               {"enlace_y", "A level.", "gauge", 3}});
  const std::string x = "# HELP enlace_x_total Things counted.\n# TYPE enlace_x_total counter\n"
                        "enlace_x_total 7\n# HELP enlace_y A level.\n# TYPE enlace_y gauge\nenlace_y 3\n";
  auto at = out.find(x);
  ASSERT_NE(at, std::string::npos) << out;
  EXPECT_LT(out.find("enlace_db_commit_failures_total"), at);
  EXPECT_EQ(out.find("# HELP enlace_write_batch_size "), at + x.size());
  EXPECT_EQ(m.render(writer, {}).find("enlace_wal_checkpoints_total"), std::string::npos);
}
