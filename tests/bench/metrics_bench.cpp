// Counting one request in the metrics, as every request does (App::dispatch): Metrics::record
// with its per-thread shards against the one map under one mutex it replaced (copied here), on
// one thread and on two, as the I/O threads of a 2-core machine (Google Benchmark):
// `ninja -C build bench_metrics && build/tests/bench/bench_metrics`.
#include "gateway/metrics.hpp"

#include <benchmark/benchmark.h>

#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace {

// Metrics::record before the shards: every thread's requests in one map under one mutex.
class OneMutexMetrics {
 public:
  void record(const std::string& method, const std::string& route, int status, double seconds) {
    std::lock_guard lock(mu_);
    auto key = std::tuple<std::string_view, std::string_view, int>(method, route, status);
    if (auto it = requests_.find(key); it != requests_.end())
      ++it->second;
    else
      requests_.emplace(std::tuple<std::string, std::string, int>(method, route, status), 1);
    auto& h = durations_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      if (seconds <= kBuckets[i]) ++h.counts[i];
    ++h.count;
    h.sum += seconds;
  }

 private:
  static constexpr auto kBuckets = enlace::gateway::Metrics::kBuckets;
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> counts{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t, std::less<>> requests_;
  std::map<std::string, Histogram, std::less<>> durations_;
};

// A server's worth of series, so that the lookups walk a tree of a realistic depth.
template <class M>
void fill(M& m) {
  for (int r = 0; r < 40; ++r)
    for (int status : {200, 201, 400, 404})
      m.record("GET", "/api/v1/route" + std::to_string(r), status, 0.001);
}

template <class M>
void BM_Record(benchmark::State& state) {
  static M m;
  if (state.thread_index() == 0) fill(m);
  const std::string method = "GET", route = "/healthz";
  for (auto _ : state) m.record(method, route, 200, 0.0002);
}

}  // namespace

BENCHMARK(BM_Record<OneMutexMetrics>)->Name("one_mutex")->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_Record<enlace::gateway::Metrics>)->Name("shards")->Threads(1)->Threads(2)->UseRealTime();

BENCHMARK_MAIN();
