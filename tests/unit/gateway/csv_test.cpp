// RFC 4180 quoting of CSV exports, and cells neutralised against formula (CSV) injection.
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

TEST(CsvTest, CellsThatWouldRunAsAFormulaGetAnApostropheAndQuotes) {
  // OWASP's list: = + - @ tab and CR start a formula in Excel, LibreOffice and Google Sheets.
  std::string out;
  append_csv_row(out, {"=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\r=1", "-"});
  EXPECT_EQ(out,
            "\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1+2\",\"'-2+3\",\"'@SUM(A1)\",\"'\tcmd\","
            "\"'\r=1\",\"'-\"\r\n");
}

TEST(CsvTest, PlainNumbersKeepTheirSign) {
  std::string out;
  append_csv_row(out, {"-3", "+4", "-1.5", "2.25e-3", "-7E+2", "0"});
  EXPECT_EQ(out, "-3,+4,-1.5,2.25e-3,-7E+2,0\r\n");
}

TEST(CsvTest, AlmostNumbersAreNeutralised) {
  std::string out;
  append_csv_row(out, {"-1.", "-.5", "-1e", "+1-1", "-0x10"});
  EXPECT_EQ(out, "\"'-1.\",\"'-.5\",\"'-1e\",\"'+1-1\",\"'-0x10\"\r\n");
}

TEST(CsvTest, OnlyTheFirstCharacterMatters) {
  std::string out;
  append_csv_row(out, {"a=b", "x@example.org", "1-2", "<5", "'=already"});
  EXPECT_EQ(out, "a=b,x@example.org,1-2,<5,'=already\r\n");
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
