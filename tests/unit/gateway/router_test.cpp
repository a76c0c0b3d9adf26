// Route matching: parameters, literal segments before parameters, 405 information.
#include "gateway/router.hpp"

#include <gtest/gtest.h>

using namespace enlace::gateway;

namespace {
boost::asio::awaitable<Response> noop(Request&) { co_return Response{}; }

Router make() {
  Router r;
  r.add({"GET", "/api/v1/referrals", Access::signed_in, noop, "list", "t"});
  r.add({"GET", "/api/v1/referrals/{id}", Access::signed_in, noop, "one", "t"});
  r.add({"GET", "/api/v1/referrals/{id}/alternatives", Access::signed_in, noop, "alt", "t"});
  r.add({"POST", "/api/v1/referrals/{id}/transitions", Access::signed_in, noop, "tr", "t"});
  r.add({"GET", "/api/v1/me/sessions", Access::signed_in, noop, "sessions", "t"});
  r.add({"DELETE", "/api/v1/me/sessions/{id}", Access::signed_in, noop, "end", "t"});
  return r;
}
}  // namespace

TEST(Router, ExtractsPathParameters) {
  auto r = make();
  auto m = r.match("POST", "/api/v1/referrals/abc-1/transitions");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/referrals/{id}/transitions");
  EXPECT_EQ(m.params.at("id"), "abc-1");
}

TEST(Router, KnownPathWithOtherMethodIsReportedFor405) {
  auto r = make();
  auto m = r.match("DELETE", "/api/v1/referrals/x");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_known);
  ASSERT_EQ(m.allowed.size(), 1u);
  EXPECT_EQ(m.allowed[0], "GET");
}

TEST(Router, UnknownPathIsNotKnown) {
  auto r = make();
  auto m = r.match("GET", "/api/v1/nothing");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.path_known);
}

TEST(Router, TrailingSlashAndEmptySegmentsDoNotMatch) {
  auto r = make();
  EXPECT_EQ(r.match("GET", "/api/v1/referrals/").route, nullptr);
  EXPECT_EQ(r.match("GET", "/api/v1/referrals//alternatives").route, nullptr);
}

TEST(Router, DuplicateRouteIsAProgrammingError) {
  Router r;
  r.add({"GET", "/a", Access::open, noop, "a", "t"});
  EXPECT_THROW(r.add({"GET", "/a", Access::open, noop, "a", "t"}), std::logic_error);
}
