// The array literal that one PostgreSQL statement takes a list in (CAST(?N AS text[])): every
// item quoted, so that a comma, a brace, a quote or the word NULL stays part of its item.
#include "storage/postgres/pg_sql_dialect.hpp"

#include <gtest/gtest.h>

namespace enlace::storage {
namespace {

TEST(PgTextArray, QuotesEveryItem) {
  EXPECT_EQ(pg_text_array({"r_1", "r_2"}), R"({"r_1","r_2"})");
  EXPECT_EQ(pg_text_array({}), "{}");
  EXPECT_EQ(pg_text_array({""}), R"({""})");
}

TEST(PgTextArray, KeepsSeparatorsAndTheWordNullInsideTheirItem) {
  EXPECT_EQ(pg_text_array({"a,b", "{c}", "NULL"}), R"({"a,b","{c}","NULL"})");
}

TEST(PgTextArray, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(pg_text_array({R"(say "hi")", R"(back\slash)"}), R"({"say \"hi\"","back\\slash"})");
}

}  // namespace
}  // namespace enlace::storage
