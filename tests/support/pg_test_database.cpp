// The tests' PostgreSQL: see pg_test_database.hpp.
#include "support/pg_test_database.hpp"

#include "storage/postgres/pg_connection.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>

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

PgTestDatabase::PgTestDatabase() {
  static std::atomic<int> counter{0};
  auto stamp = std::chrono::steady_clock::now().time_since_epoch().count() % 1000000;
  name_ = "enlace_t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
          std::to_string(stamp);
  auto c = storage::PgConnection::open(base_uri());
  // An identifier made of this function's letters and digits, not a value.
  c.exec_script(("CREATE DATABASE \"" + name_ + "\"").c_str());
  uri_ = with_database(base_uri(), name_);
}

PgTestDatabase::~PgTestDatabase() {
  try {
    auto c = storage::PgConnection::open(base_uri());
    c.exec_script(("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)").c_str());
  } catch (const storage::PgError&) {
    // The cluster is thrown away at the end of the run anyway.
  }
}

}  // namespace enlace::test
