// RFC 4180 quoting of CSV exports.
#include "gateway/csv.hpp"

#include <gtest/gtest.h>

namespace enlace::gateway {
namespace {

TEST(CsvTest, PlainFieldsAreJoinedWithCommasAndEndWithCrlf) {
  std::string out;
  append_csv_row(out, {"a", "", "b c"});
  EXPECT_EQ(out, "a,,b c\r\n");
}

TEST(CsvTest, CommasQuotesAndLineBreaksAreQuoted) {
  std::string out;
  append_csv_row(out, {"a,b", "say \"hi\"", "two\nlines", "cr\r"});
  EXPECT_EQ(out, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\r\n");
}

TEST(CsvTest, AttachmentCarriesTypeAndFilename) {
  auto r = csv_attachment("x\r\n", "audit-log.csv", true);
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_TRUE(r.personal_data);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "attachment; filename=\"audit-log.csv\"");
}

}  // namespace
}  // namespace enlace::gateway
