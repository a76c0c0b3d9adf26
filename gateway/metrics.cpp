// Metrics: see metrics.hpp.
#include "gateway/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace enlace::gateway {

namespace {

// This thread's shard: threads take the shards in turn as they first record.
std::size_t my_shard(std::size_t shards) {
  static std::atomic<std::size_t> next{0};
  thread_local const std::size_t mine = next.fetch_add(1, std::memory_order_relaxed);
  return mine % shards;
}

}  // namespace

void Metrics::record(const std::string& method, const std::string& route, int status,
                     double seconds) {
  auto& shard = shards_[my_shard(kShards)];
  std::lock_guard lock(shard.mu);
  // Looked up by views: copying the key's strings for every request cost an allocation.
  auto key = std::tuple<std::string_view, std::string_view, int>(method, route, status);
  if (auto it = shard.requests.find(key); it != shard.requests.end())
    ++it->second;
  else
    shard.requests.emplace(std::tuple<std::string, std::string, int>(method, route, status), 1);
  auto it = shard.durations.find(std::string_view(route));
  if (it == shard.durations.end()) it = shard.durations.try_emplace(route).first;
  auto& h = it->second;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.counts[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(const core::WriterStats& w,
                            const std::vector<core::EngineCounter>& engine) const {
  // The shards merged in key order, by views into their keys: a key, once counted, stays in
  // its shard's map for the process's life, so the views outlive each shard's lock.
  std::map<std::tuple<std::string_view, std::string_view, int>, std::uint64_t> requests;
  std::map<std::string_view, Histogram> durations;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mu);
    for (const auto& [key, n] : shard.requests)
      requests[{std::get<0>(key), std::get<1>(key), std::get<2>(key)}] += n;
    for (const auto& [route, h] : shard.durations) {
      auto& sum = durations[route];
      for (std::size_t i = 0; i < kBuckets.size(); ++i) sum.counts[i] += h.counts[i];
      sum.count += h.count;
      sum.sum += h.sum;
    }
  }
  std::string out;
  out += "# HELP enlace_http_requests_total HTTP requests by route template and status.\n";
  out += "# TYPE enlace_http_requests_total counter\n";
  for (const auto& [key, n] : requests)
    out += fmt::format("enlace_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       std::get<0>(key), std::get<1>(key), std::get<2>(key), n);
  out += "# HELP enlace_http_request_duration_seconds Time from request read to response ready.\n";
  out += "# TYPE enlace_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : durations) {
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
  out += "# HELP enlace_write_rejected_total Writes refused as busy (503) because the queue was full.\n";
  out += "# TYPE enlace_write_rejected_total counter\n";
  out += fmt::format("enlace_write_rejected_total {}\n", w.rejected.load());
  out += "# HELP enlace_db_commits_total Group commits (one fsync each).\n";
  out += "# TYPE enlace_db_commits_total counter\n";
  out += fmt::format("enlace_db_commits_total {}\n", w.commits.load());
  out += fmt::format("enlace_db_commit_failures_total {}\n", w.commit_failures.load());
  for (const auto& c : engine)
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", c.name, c.help, c.name, c.type,
                       c.name, c.value);
  out += "# HELP enlace_write_batch_size Write jobs per group commit.\n";
  out += "# TYPE enlace_write_batch_size histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < core::WriterStats::kBatchBounds.size(); ++i) {
    cumulative += w.batch_buckets[i].load();
    out += fmt::format("enlace_write_batch_size_bucket{{le=\"{}\"}} {}\n",
                       core::WriterStats::kBatchBounds[i], cumulative);
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
  std::lock_guard delivery_lock(delivery_mu_);
  struct Row {
    const char* name;
    const char* type;
    const char* help;
    std::function<std::string(const DeliveryStats&)> value;
  };
  const Row rows[] = {
      {"enlace_delivery_queue_length", "gauge", "Deliveries waiting to be sent.",
       [](const DeliveryStats& d) { return std::to_string(d.queued.load()); }},
      {"enlace_delivery_oldest_queued_seconds", "gauge", "Age of the oldest waiting delivery.",
       [](const DeliveryStats& d) { return std::to_string(d.oldest_queued_seconds.load()); }},
      {"enlace_delivery_sent_total", "counter", "Deliveries the other end accepted.",
       [](const DeliveryStats& d) { return std::to_string(d.sent.load()); }},
      {"enlace_delivery_failed_total", "counter", "Deliveries given up after their retries.",
       [](const DeliveryStats& d) { return std::to_string(d.failed.load()); }},
      {"enlace_delivery_retries_total", "counter", "Failed tries that will be tried again.",
       [](const DeliveryStats& d) { return std::to_string(d.retries.load()); }},
  };
  for (const auto& row : rows) {
    if (delivery_.empty()) break;
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", row.name, row.help, row.name, row.type);
    for (const auto& [channel, stats] : delivery_)
      out += fmt::format("{}{{channel=\"{}\"}} {}\n", row.name, channel, row.value(stats));
  }
  return out;
}

void Metrics::note_backlog(const core::Backlog& backlog, core::Timestamp now) {
  overdue_referrals.store(static_cast<long>(backlog.overdue_referrals));
  auto note = [&](std::string_view channel, const core::DeliveryBacklog& queue) {
    std::lock_guard lock(delivery_mu_);
    auto it = delivery_.find(channel);
    if (it == delivery_.end()) return;  // no sender here (no smtp_url): no such channel
    it->second.queued.store(static_cast<long>(queue.queued));
    long age = 0;
    if (queue.oldest_queued)
      age = static_cast<long>(
          std::chrono::duration_cast<std::chrono::seconds>(now - *queue.oldest_queued).count());
    it->second.oldest_queued_seconds.store(std::max(0L, age));
  };
  note("email", backlog.mail);
  note("webhook", backlog.webhooks);
}

DeliveryStats& Metrics::delivery(std::string_view channel) {
  std::lock_guard lock(delivery_mu_);
  auto it = delivery_.find(channel);
  if (it == delivery_.end())
    it = delivery_.try_emplace(std::string(channel)).first;
  return it->second;
}

}  // namespace enlace::gateway
