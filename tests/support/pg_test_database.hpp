// The PostgreSQL server the tests use, named by ENLACE_TEST_POSTGRES (a URI of a role that may
// create databases; tests/support/pg_cluster.sh starts a throw-away one), and a fresh database
// per test on it.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace enlace::test {

enum class TestPostgres { available, off, unset };
TestPostgres test_postgres();
// What a test says when it cannot run: how to start a cluster, or that it was turned off.
std::string test_postgres_help();

// A database created for one test (owned by the test role, empty but for what PostgreSQL puts
// in every database) and dropped on destruction.
class PgTestDatabase {
 public:
  PgTestDatabase();
  // A copy of the cluster's template `template_name`, which `build(uri)` fills (e.g. with
  // `enlace init`) in a database of its own the first time any test process asks for it: one
  // migration per test run instead of one per test (CREATE DATABASE ... TEMPLATE copies it).
  PgTestDatabase(const std::string& template_name,
                 const std::function<void(const std::string& uri)>& build);
  ~PgTestDatabase();
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;
  const std::string& uri() const { return uri_; }    // postgresql://...@host:port/name
  const std::string& name() const { return name_; }

 private:
  std::string name_, uri_;
};

// `base` with its database replaced by `dbname` (query parameters kept).
std::string with_database(const std::string& base, const std::string& dbname);

}  // namespace enlace::test

// At the top of a test that needs PostgreSQL: skips when ENLACE_TEST_POSTGRES=off, fails
// (saying how to start a cluster) when it is unset.
#define ENLACE_REQUIRE_TEST_POSTGRES()                                                  \
  do {                                                                                  \
    switch (::enlace::test::test_postgres()) {                                          \
      case ::enlace::test::TestPostgres::available: break;                              \
      case ::enlace::test::TestPostgres::off: GTEST_SKIP() << ::enlace::test::test_postgres_help(); \
      case ::enlace::test::TestPostgres::unset: FAIL() << ::enlace::test::test_postgres_help(); \
    }                                                                                   \
  } while (0)
