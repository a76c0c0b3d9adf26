// Prometheus metrics. Labels are route templates and status codes only: never a path with an
// id in it, never personal data.
#pragma once

#include "core/ports/operations_reader.hpp"
#include "core/ports/transactions.hpp"
#include "core/time.hpp"

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace enlace::gateway {

// One outgoing delivery channel (e-mail, webhooks): its queue as last read from the database
// (at the last scrape, Metrics::note_backlog), and what this process's sender did since
// start-up.
struct DeliveryStats {
  std::atomic<long> queued{0};
  std::atomic<long> oldest_queued_seconds{0};
  std::atomic<std::uint64_t> sent{0};     // accepted by the other end
  std::atomic<std::uint64_t> failed{0};   // given up (core/delivery_retry.hpp)
  std::atomic<std::uint64_t> retries{0};  // failed tries that will be tried again
};

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,     2.5};
  void record(const std::string& method, const std::string& route, int status, double seconds);
  // `engine`: the database engine's own figures (core::Transactions::engine_counters), shown
  // as given, after the writer's commits.
  std::string render(const core::WriterStats& writer,
                     const std::vector<core::EngineCounter>& engine) const;

  std::atomic<long> open_connections{0};
  std::atomic<long> sse_streams{0};
  std::atomic<std::uint64_t> login_failures{0};
  std::atomic<std::uint64_t> session_cache_hits{0};
  std::atomic<std::uint64_t> session_cache_misses{0};
  std::atomic<long> overdue_referrals{0};  // note_backlog

  // The channel's counters, made on first use and kept for the process's life; rendered as
  // enlace_delivery_*{channel="..."}. Safe from any thread.
  DeliveryStats& delivery(std::string_view channel);

  // The backlog gauges as the database holds them at `now` (read at each scrape, so that every
  // process sharing the database says the same): the overdue referrals and the queues of the
  // channels this process has.
  void note_backlog(const core::Backlog& backlog, core::Timestamp now);

 private:
  mutable std::mutex delivery_mu_;
  std::map<std::string, DeliveryStats, std::less<>> delivery_;
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> counts{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  // The request counts and durations, one shard per I/O thread (threads past kShards share
  // one), each on its own cache lines: a request takes only its thread's lock, which no other
  // thread holds but a scrape, and a scrape merges the shards. One map and one mutex for all
  // threads made every request bounce them between the cores.
  static constexpr std::size_t kShards = 8;
  struct alignas(64) Shard {
    mutable std::mutex mu;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t, std::less<>> requests;
    std::map<std::string, Histogram, std::less<>> durations;  // by route
  };
  std::array<Shard, kShards> shards_;
};

}  // namespace enlace::gateway
