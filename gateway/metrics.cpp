// Metrics: see metrics.hpp.
#include "gateway/metrics.hpp"

#include <fmt/format.h>

namespace enlace::gateway {

void Metrics::record(const std::string& method, const std::string& route, int status,
                     double seconds) {
  std::lock_guard lock(mu_);
  // Looked up by views: copying the key's strings for every request cost an allocation.
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

std::string Metrics::render(const storage::WriterStats& w, std::uint64_t wal_checkpoints) const {
  std::string out;
  out += "# HELP enlace_http_requests_total HTTP requests by route template and status.\n";
  out += "# TYPE enlace_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& [key, n] : requests_)
    out += fmt::format("enlace_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       std::get<0>(key), std::get<1>(key), std::get<2>(key), n);
  out += "# HELP enlace_http_request_duration_seconds Time from request read to response ready.\n";
  out += "# TYPE enlace_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : durations_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("enlace_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                         route, kBuckets[i], h.counts[i]);
    out += fmt::format("enlace_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                       route, h.count);
    out += fmt::format("enlace_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, h.sum);
    out += fmt::format("enlace_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route, h.count);
  }
  out += "# HELP enlace_write_queue_depth Write jobs waiting for the writer.\n";
  out += "# TYPE enlace_write_queue_depth gauge\n";
  out += fmt::format("enlace_write_queue_depth {}\n", w.queue_depth.load());
  out += "# HELP enlace_db_commits_total Group commits (one fsync each).\n";
  out += "# TYPE enlace_db_commits_total counter\n";
  out += fmt::format("enlace_db_commits_total {}\n", w.commits.load());
  out += fmt::format("enlace_db_commit_failures_total {}\n", w.commit_failures.load());
  out += "# HELP enlace_wal_checkpoints_total WAL checkpoints run beside the writer.\n";
  out += "# TYPE enlace_wal_checkpoints_total counter\n";
  out += fmt::format("enlace_wal_checkpoints_total {}\n", wal_checkpoints);
  out += "# HELP enlace_write_batch_size Write jobs per group commit.\n";
  out += "# TYPE enlace_write_batch_size histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < storage::WriterStats::kBatchBounds.size(); ++i) {
    cumulative += w.batch_buckets[i].load();
    out += fmt::format("enlace_write_batch_size_bucket{{le=\"{}\"}} {}\n",
                       storage::WriterStats::kBatchBounds[i], cumulative);
  }
  cumulative += w.batch_buckets.back().load();
  out += fmt::format("enlace_write_batch_size_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("enlace_write_batch_size_sum {}\n", w.batch_sum.load());
  out += fmt::format("enlace_write_batch_size_count {}\n", w.commits.load() + w.commit_failures.load());
  out += "# TYPE enlace_open_connections gauge\n";
  out += fmt::format("enlace_open_connections {}\n", open_connections.load());
  out += "# TYPE enlace_sse_streams gauge\n";
  out += fmt::format("enlace_sse_streams {}\n", sse_streams.load());
  out += "# TYPE enlace_login_failures_total counter\n";
  out += fmt::format("enlace_login_failures_total {}\n", login_failures.load());
  out += "# TYPE enlace_session_cache_hits_total counter\n";
  out += fmt::format("enlace_session_cache_hits_total {}\n", session_cache_hits.load());
  out += "# TYPE enlace_session_cache_misses_total counter\n";
  out += fmt::format("enlace_session_cache_misses_total {}\n", session_cache_misses.load());
  out += "# TYPE enlace_referrals_overdue gauge\n";
  out += fmt::format("enlace_referrals_overdue {}\n", overdue_referrals.load());
  return out;
}

}  // namespace enlace::gateway
