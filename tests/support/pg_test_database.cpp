// The tests' PostgreSQL: see pg_test_database.hpp.
#include "support/pg_test_database.hpp"

#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_error.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace enlace::test {

namespace {
std::string base_uri() {
  const char* v = std::getenv("ENLACE_TEST_POSTGRES");
  return v ? v : "";
}
}  // namespace

TestPostgres test_postgres() {
  auto v = base_uri();
  if (v == "off") return TestPostgres::off;
  if (v.empty()) return TestPostgres::unset;
  return TestPostgres::available;
}

std::string test_postgres_help() {
  if (test_postgres() == TestPostgres::off)
    return "skipped: ENLACE_TEST_POSTGRES=off turns the PostgreSQL tests off";
  return "this test needs PostgreSQL 15: start a throw-away cluster with\n"
         "  export ENLACE_TEST_POSTGRES=$(tests/support/pg_cluster.sh start /tmp/enlace-pg)\n"
         "(stop it with tests/support/pg_cluster.sh stop /tmp/enlace-pg), or set\n"
         "ENLACE_TEST_POSTGRES=off to skip the PostgreSQL tests (docs/DEVELOPING.md)";
}

std::string with_database(const std::string& base, const std::string& dbname) {
  auto scheme = base.find("://");
  auto path = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  auto query = base.find('?', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos || (query != std::string::npos && path > query)) path = query;
  std::string head = base.substr(0, path == std::string::npos ? base.size() : path);
  std::string tail = query == std::string::npos ? "" : base.substr(query);
  return head + "/" + dbname + tail;
}

static std::string fresh_name(const char* prefix) {
  static std::atomic<int> counter{0};
  auto stamp = std::chrono::steady_clock::now().time_since_epoch().count() % 1000000;
  return prefix + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(stamp);
}

PgTestDatabase::PgTestDatabase() {
  name_ = fresh_name("enlace_t_");
  auto c = storage::PgConnection::open(base_uri());
  // An identifier made of this function's letters and digits, not a value.
  c.exec_script(("CREATE DATABASE \"" + name_ + "\"").c_str());
  uri_ = with_database(base_uri(), name_);
}

PgTestDatabase::PgTestDatabase(const std::string& template_name,
                               const std::function<void(const std::string&)>& build) {
  name_ = fresh_name("enlace_t_");
  auto c = storage::PgConnection::open(base_uri());
  // Identifiers made of letters, digits and underscores by the test support, not values.
  const std::string copy = "CREATE DATABASE \"" + name_ + "\" TEMPLATE \"" + template_name + "\"";
  for (int attempt = 0;; ++attempt) {
    try {
      c.exec_script(copy.c_str());
      break;
    } catch (const storage::PgError& e) {
      if (attempt >= 50) throw;
      if (e.sqlstate == "3D000") {
        // No template yet: build one under a name of its own, then give it the template's name.
        // Two processes may both build; the second rename fails and that copy is dropped.
        auto building = fresh_name("enlace_b_");
        c.exec_script(("CREATE DATABASE \"" + building + "\"").c_str());
        build(with_database(base_uri(), building));
        for (int rename = 0;; ++rename) {
          try {
            c.exec_script(("ALTER DATABASE \"" + building + "\" RENAME TO \"" + template_name + "\"").c_str());
            break;
          } catch (const storage::PgError& r) {
            // 55006: the builder's last connections are still closing.
            if (r.sqlstate == "55006" && rename < 50) {
              std::this_thread::sleep_for(std::chrono::milliseconds(50));
              continue;
            }
            c.exec_script(("DROP DATABASE IF EXISTS \"" + building + "\" WITH (FORCE)").c_str());
            if (r.sqlstate != "42P04") throw;  // 42P04: another process named its copy first
            break;
          }
        }
      } else if (e.sqlstate == "55006") {
        // The template is still being renamed into place by another process.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      } else {
        throw;
      }
    }
  }
  uri_ = with_database(base_uri(), name_);
}

namespace {

// Drops the tests' databases on a thread of its own, one after another, while the next test
// runs: a DROP DATABASE waits for the server to release and remove the files (half a second to
// two here), and nothing waits for it. The queue is drained before the process exits.
class Dropper {
 public:
  static Dropper& get() {
    static Dropper d;
    return d;
  }
  void drop(std::string name) {
    std::lock_guard lock(m_);
    queue_.push_back(std::move(name));
    cv_.notify_one();
  }
  ~Dropper() {
    {
      std::lock_guard lock(m_);
      done_ = true;
      cv_.notify_one();
    }
    thread_.join();
  }

 private:
  Dropper() : thread_([this] { run(); }) {}
  void run() {
    std::unique_lock lock(m_);
    for (;;) {
      cv_.wait(lock, [this] { return done_ || !queue_.empty(); });
      if (queue_.empty()) return;
      auto name = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      try {
        auto c = storage::PgConnection::open(base_uri());
        c.exec_script(("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)").c_str());
      } catch (const storage::PgError&) {
        // The cluster is thrown away at the end of the run anyway.
      }
      lock.lock();
    }
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace

PgTestDatabase::~PgTestDatabase() { Dropper::get().drop(name_); }

}  // namespace enlace::test
