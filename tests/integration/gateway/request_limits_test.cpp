// Request rate limits (issue 14, finding 3): a signed-in user's requests count against that
// user, all sessions together, so that staff behind one office router or one reverse proxy
// never share a budget; requests without a valid session count against their address.
#include "support/server_process.hpp"

#include <gtest/gtest.h>

namespace enlace::test {
namespace {

HttpResponse me(HttpClient& c, const std::string& token) {
  HttpRequest r{"GET", "/api/v1/me", {}, ""};
  if (!token.empty()) r.headers.emplace_back("Authorization", "Bearer " + token);
  return c.send(r);
}

ServerOptions budget_of(int per_minute) {
  ServerOptions o;
  o.env = {{"ENLACE_RATE_LIMIT_PER_MINUTE", std::to_string(per_minute)}};
  return o;
}

}  // namespace

TEST(RequestLimitsTest, ManyUsersBehindOneAddressEachHaveTheirOwnBudget) {
  ServerProcess s(budget_of(20));
  std::vector<std::string> tokens;
  for (const char* name : {"ana", "bea", "caro"}) {
    s.add_user(name, {"system_admin"});
    tokens.push_back(s.login(name));
  }
  HttpClient office(s.port(), "127.0.0.2");  // one NAT address for the whole office
  // 3 x 20 requests from one address: three times the budget an address alone would have.
  for (int i = 0; i < 20; ++i)
    for (const auto& t : tokens) ASSERT_EQ(me(office, t).status, 200) << "request " << i;

  // Each user's own budget is spent, whichever session or address they use.
  auto limited = me(office, tokens[0]);
  EXPECT_EQ(limited.status, 429);
  EXPECT_GE(std::stoi(limited.header("retry-after")), 1);
  auto second_session = s.login("ana");
  HttpClient home(s.port(), "127.0.0.3");
  EXPECT_EQ(me(home, second_session).status, 429) << "all of a user's sessions share one budget";
  EXPECT_EQ(me(home, "").status, 401) << "the office's users did not spend the address's budget";

  s.advance_minutes(1);
  EXPECT_EQ(me(office, tokens[0]).status, 200);
}

TEST(RequestLimitsTest, AnUnauthenticatedFloodFromOneAddressIsStillLimited) {
  ServerProcess s(budget_of(20));
  s.add_user("ana", {"system_admin"});
  auto token = s.login("ana");

  HttpClient flood(s.port(), "127.0.0.4");
  for (int i = 0; i < 20; ++i) ASSERT_EQ(me(flood, "").status, 401) << i;
  auto limited = me(flood, "");
  EXPECT_EQ(limited.status, 429);
  EXPECT_GE(std::stoi(limited.header("retry-after")), 1);
  EXPECT_EQ(limited.header("content-type"), "application/problem+json");
  EXPECT_EQ(me(flood, "made-up-token").status, 429) << "an invalid token is not signed in";
  EXPECT_EQ(me(flood, token).status, 200) << "a signed-in user there has a budget of their own";

  HttpClient other(s.port(), "127.0.0.5");
  EXPECT_EQ(me(other, "").status, 401) << "other addresses are not limited";
  s.advance_minutes(1);
  EXPECT_EQ(me(flood, "").status, 401);
}

}  // namespace enlace::test
