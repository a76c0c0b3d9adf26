// Content negotiation of the built-in web UI: which encoding a client accepts, and when a
// cached copy is still good (RFC 9110, 12.5.3 and 13.1.2).
#include "gateway/static_files.hpp"

#include <gtest/gtest.h>

namespace enlace::gateway {
namespace {

TEST(AcceptEncodingTest, BrowsersListBothAndGetBoth) {
  auto a = parse_accept_encoding("gzip, deflate, br, zstd");
  EXPECT_TRUE(a.brotli);
  EXPECT_TRUE(a.gzip);
}

TEST(AcceptEncodingTest, NoHeaderOrIdentityMeansPlain) {
  EXPECT_FALSE(parse_accept_encoding("").brotli);
  EXPECT_FALSE(parse_accept_encoding("").gzip);
  EXPECT_FALSE(parse_accept_encoding("identity").gzip);
}

TEST(AcceptEncodingTest, QualityZeroRefusesAnEncoding) {
  auto a = parse_accept_encoding("br;q=0, gzip;q=0.5");
  EXPECT_FALSE(a.brotli);
  EXPECT_TRUE(a.gzip);
  EXPECT_FALSE(parse_accept_encoding("gzip; q=0.000").gzip);
  EXPECT_TRUE(parse_accept_encoding("gzip;q=0.001").gzip);
}

TEST(AcceptEncodingTest, NamesAreCaseInsensitiveAndStarStandsForTheRest) {
  EXPECT_TRUE(parse_accept_encoding("GZIP").gzip);
  auto a = parse_accept_encoding("br;q=0, *");
  EXPECT_FALSE(a.brotli);
  EXPECT_TRUE(a.gzip);
}

TEST(ETagMatchTest, ListsStarAndWeakPrefixes) {
  EXPECT_TRUE(etag_matches("\"abc-br\"", "\"abc-br\""));
  EXPECT_TRUE(etag_matches("\"x\", W/\"abc-br\"", "\"abc-br\""));
  EXPECT_TRUE(etag_matches("*", "\"abc\""));
  // Another encoding's copy is another representation: not a match.
  EXPECT_FALSE(etag_matches("\"abc-gz\"", "\"abc-br\""));
  EXPECT_FALSE(etag_matches("", "\"abc\""));
}

}  // namespace
}  // namespace enlace::gateway
