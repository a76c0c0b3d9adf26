// Whole numbers in request bodies: JSON has one number type, so 16 and 16.0 are the same age,
// while a fraction or a number beyond what the server stores is a field error, never a cast.
#include "gateway/json_body.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace enlace::gateway {
namespace {

std::optional<std::int64_t> read_age(const std::string& number, core::FieldErrors& errors) {
  auto body = boost::json::parse("{\"estimated_age\":" + number + "}").as_object();
  FieldReader f(body, "", errors);
  return f.integer("estimated_age");
}

TEST(FieldReaderInteger, WholeNumbersInAnySpellingAreRead) {
  for (const char* n : {"16", "16.0", "1.6e1", "-3"}) {
    core::FieldErrors errors;
    auto v = read_age(n, errors);
    ASSERT_TRUE(v) << n;
    EXPECT_TRUE(errors.empty()) << n;
  }
}

// 5e95 came from the fuzzer: it was cast to int64 before its range was checked.
TEST(FieldReaderInteger, FractionsAndOutOfRangeNumbersAreFieldErrors) {
  for (const char* n : {"16.5", "5e95", "-5e95", "1e16", "1.7976931348623157e308"}) {
    core::FieldErrors errors;
    EXPECT_FALSE(read_age(n, errors)) << n;
    ASSERT_EQ(errors.items().size(), 1u) << n;
    EXPECT_EQ(errors.items()[0].field, "estimated_age");
  }
}

}  // namespace
}  // namespace enlace::gateway
