// PostgreSQL's SQLSTATEs land in the one classification of storage failures, and a URI with a
// password is refused without being repeated.
#include "storage/postgres/pg_error.hpp"
#include "storage/postgres/pg_uri.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace enlace::storage;
using enlace::core::ErrorCode;

TEST(PgError, SqlstatesMapToTheStorageFailureClassification) {
  EXPECT_EQ(classify_sqlstate("40001"), StorageFailure::busy);        // serialization failure
  EXPECT_EQ(classify_sqlstate("40P01"), StorageFailure::busy);        // deadlock
  EXPECT_EQ(classify_sqlstate("55P03"), StorageFailure::busy);        // lock not available
  EXPECT_EQ(classify_sqlstate("53300"), StorageFailure::busy);        // too many connections
  EXPECT_EQ(classify_sqlstate("08006"), StorageFailure::unavailable);  // connection failure
  EXPECT_EQ(classify_sqlstate("08001"), StorageFailure::unavailable);
  EXPECT_EQ(classify_sqlstate("57P01"), StorageFailure::unavailable);  // server shutting down
  EXPECT_EQ(classify_sqlstate("53100"), StorageFailure::unavailable);  // disk full
  EXPECT_EQ(classify_sqlstate("23505"), StorageFailure::unique);
  EXPECT_EQ(classify_sqlstate("23503"), StorageFailure::constraint);  // foreign key
  EXPECT_EQ(classify_sqlstate("23514"), StorageFailure::constraint);  // check
  EXPECT_EQ(classify_sqlstate("XX001"), StorageFailure::corrupt);
  EXPECT_EQ(classify_sqlstate("XX002"), StorageFailure::corrupt);
  EXPECT_EQ(classify_sqlstate("42601"), StorageFailure::other);
  EXPECT_EQ(classify_sqlstate("", true), StorageFailure::unavailable);  // libpq lost the link
}

TEST(PgError, ClientSeesTheSameErrorsAsOnSqlite) {
  auto unique = storage_error(PgError("23505", "duplicate key", false, "app_user", "app_user_username_key"));
  EXPECT_EQ(unique.code, ErrorCode::conflict);
  EXPECT_EQ(unique.code, storage_error(SQLITE_CONSTRAINT_UNIQUE, "").code);
  EXPECT_NE(unique.cause.find("app_user_username_key"), std::string::npos);
  EXPECT_EQ(storage_error(PgError("23503", "fk")).code, ErrorCode::invalid);
  auto full = storage_error(PgError("53100", "could not extend file"));
  EXPECT_EQ(full.code, ErrorCode::busy);
  EXPECT_EQ(full.type, "storage-unavailable");
  EXPECT_EQ(full.type, storage_error(SQLITE_FULL, "").type);
  EXPECT_EQ(storage_error(PgError("40P01", "deadlock detected")).code, ErrorCode::busy);
  EXPECT_EQ(storage_error(PgError("XX001", "invalid page")).code, ErrorCode::internal);
}

TEST(PgError, DataExceptionMessagesStayOutOfTheLog) {
  // 22P02's message quotes the input that failed to parse.
  auto e = storage_error(PgError("22P02", "invalid input syntax for type bigint: \"Maria\""));
  EXPECT_EQ(e.cause.find("Maria"), std::string::npos) << e.cause;
}

TEST(PgUri, PasswordsAreRefusedWithoutBeingRepeated) {
  for (std::string uri : {"postgresql://u:hunter2secret@db.example:5433/enlace",
                          "postgres://u@db.example/enlace?password=hunter2secret"}) {
    auto r = parse_postgres_uri(uri);
    ASSERT_FALSE(r.has_value()) << uri;
    EXPECT_EQ(r.error().code, ErrorCode::invalid);
    EXPECT_EQ(r.error().fields.items()[0].message.find("hunter2secret"), std::string::npos);
  }
}

TEST(PgUri, TargetNamesHostPortAndDatabase) {
  auto r = parse_postgres_uri("postgresql://enlace@db.example:5433/cases?sslmode=require");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->where(), "db.example:5433");
  EXPECT_EQ(r->dbname, "cases");
  EXPECT_EQ(r->user, "enlace");
  EXPECT_EQ(parse_postgres_uri("postgresql:///cases")->where(), "localhost (unix socket):5432");
  EXPECT_TRUE(is_postgres_uri("postgres://x/y"));
  EXPECT_FALSE(is_postgres_uri("/var/lib/enlace/enlace.db"));
  EXPECT_FALSE(parse_postgres_uri("postgresql://[bad").has_value());
}
