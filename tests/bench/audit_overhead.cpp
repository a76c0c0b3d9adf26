// Write throughput through storage::Writer with and without an audit event per job: what the
// hash chain costs on the group-commit path. Usage: bench_audit_overhead [DIR] [JOBS] [THREADS]
#include "storage/audit_log.hpp"
#include "storage/migrations.hpp"
#include "storage/writer.hpp"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace enlace;

// CPU time the writer thread spends inside jobs: unlike wall time, it does not move with the
// machine's load or the disk's fsync latency, so it isolates what the audit append itself costs.
std::int64_t g_job_cpu_ns = 0;  // writer thread only

std::int64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

// One small insert, plus its audit event when auditing is on; completes like a request does.
class BenchJob final : public storage::WriteJob {
 public:
  BenchJob(std::int64_t id, bool audit) : id_(id), audit_(audit) {}
  bool run(storage::WriteTxn& tx) override {
    auto started = thread_cpu_ns();
    bool ok = insert(tx);
    g_job_cpu_ns += thread_cpu_ns() - started;
    return ok;
  }
  bool insert(storage::WriteTxn& tx) {
    auto st = tx.prepared("INSERT INTO bench_item (id, payload) VALUES (?1, ?2)");
    st.bind(1, id_);
    st.bind(2, "a small record of about forty bytes....");
    st.run();
    if (audit_) {
      core::AuditContext ctx;
      ctx.actor_user = "01J0000000000000000000USER";
      ctx.organization = "01J00000000000000000000ORG";
      ctx.role = "caseworker";
      ctx.address = "192.0.2.10";
      ctx.request_id = "3f2a9c0d1e4b5a67";
      ctx.at = core::from_millis(1'790'000'000'000 + id_);
      storage::append_audit(tx, ctx.event("case.update", "case", std::to_string(id_)));
    }
    return true;
  }
  void complete(const core::Error* failure) override { done_.set_value(failure == nullptr); }
  void fail(const core::Error&) override {}
  std::future<bool> result() { return done_.get_future(); }

 private:
  std::int64_t id_;
  bool audit_;
  std::promise<bool> done_;
};

struct Run {
  double jobs_per_second;
  double mean_batch;
  double job_cpu_us;  // writer-thread CPU per job, inside its savepoint
};

Run run_once(const std::string& dir, bool audit, int jobs, int threads) {
  std::string path = dir + "/bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  if (!storage::migrate(path)) throw std::runtime_error("migrate failed");
  {
    auto c = storage::Connection::open(path, {.read_only = false});
    c.exec("CREATE TABLE bench_item (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT");
  }
  // The server's writer connection: WAL, synchronous=FULL (set by Connection::open).
  g_job_cpu_ns = 0;
  std::optional<storage::Writer> writer_slot;
  writer_slot.emplace(storage::Connection::open(path, {.read_only = false}));
  storage::Writer& writer = *writer_slot;
  auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> submitters;
  for (int t = 0; t < threads; ++t) {
    submitters.emplace_back([&, t] {
      // Each submitter waits for its reply before the next job, like a request handler.
      for (int i = t; i < jobs; i += threads) {
        auto job = std::make_unique<BenchJob>(i + 1, audit);
        auto done = job->result();
        writer.submit(std::move(job));
        if (!done.get()) std::fprintf(stderr, "job %d was not committed\n", i + 1);
      }
    });
  }
  for (auto& s : submitters) s.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  double mean_batch =
      static_cast<double>(writer.stats().batch_sum.load()) / writer.stats().commits.load();
  writer_slot.reset();  // joins the writer thread: its CPU total is final
  return {jobs / seconds, mean_batch, g_job_cpu_ns / 1000.0 / jobs};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : fs::temp_directory_path().string();
  int jobs = argc > 2 ? std::stoi(argv[2]) : 20000;
  int threads = argc > 3 ? std::stoi(argv[3]) : 16;
  constexpr int kRuns = 5;
  std::printf("%d jobs from %d submitting threads, synchronous=FULL, median of %d runs, in %s\n",
              jobs, threads, kRuns, dir.c_str());
  std::vector<double> off, on, off_batch, on_batch, off_cpu, on_cpu;
  // Interleaved so that drift in the machine's load affects both modes alike.
  for (int r = 0; r < kRuns; ++r) {
    auto a = run_once(dir, false, jobs, threads);
    auto b = run_once(dir, true, jobs, threads);
    off.push_back(a.jobs_per_second);
    off_batch.push_back(a.mean_batch);
    on.push_back(b.jobs_per_second);
    on_batch.push_back(b.mean_batch);
    off_cpu.push_back(a.job_cpu_us);
    on_cpu.push_back(b.job_cpu_us);
    std::printf("run %d: audit off %.0f jobs/s (batch %.1f, %.1f us/job), "
                "audit on %.0f jobs/s (batch %.1f, %.1f us/job)\n",
                r + 1, a.jobs_per_second, a.mean_batch, a.job_cpu_us, b.jobs_per_second,
                b.mean_batch, b.job_cpu_us);
  }
  double m_off = median(off), m_on = median(on);
  std::printf("\n| auditing | jobs/s (median) | mean batch | writer CPU per job (median) |\n"
              "|---|---|---|---|\n");
  std::printf("| off | %.0f | %.1f | %.1f us |\n| on | %.0f | %.1f | %.1f us |\n", m_off,
              median(off_batch), median(off_cpu), m_on, median(on_batch), median(on_cpu));
  std::printf("throughput change with auditing: %+.1f%%; audit append: %.1f us of writer CPU per job\n",
              100.0 * (m_on - m_off) / m_off, median(on_cpu) - median(off_cpu));
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(dir + "/bench.db" + suffix);
  return 0;
}
