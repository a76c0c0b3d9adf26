// Paging an inbox through referrals that share a deadline: a sender may give a whole batch one
// `respond_by`, and once it passes, the pages of the overdue part resume inside that deadline
// (storage/referral_list.cpp seeks to the cursor's deadline and rowid). Every page in order,
// none twice, none left out, whatever the page size.
#include "referral_network.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

namespace json = boost::json;

std::vector<std::string> ids_of(const enlace::test::HttpResponse& r) {
  std::vector<std::string> out;
  auto body = r.json();
  const auto& items = body.at("items").as_array();
  for (const auto& i : items) out.emplace_back(i.at("id").as_string());
  return out;
}

TEST(InboxPagingTest, ABatchSentWithOneDeadlinePagesInOrderOnceItIsOverdue) {
  enlace::test::ReferralNetwork net;  // its own server: the test moves the clock
  // The server starts at 2026-11-24T12:00:00Z. Sent in this order: two due at 13:00, five due
  // at 14:00 (the batch), one due at 13:30, and one with the default deadline (24 hours).
  auto send = [&](const char* respond_by) {
    auto c = net.create_case();
    net.consent(c);
    auto body = enlace::test::ReferralNetwork::referral_body(c);
    if (respond_by) body["respond_by"] = respond_by;
    auto r = net.server.post("/api/v1/referrals", body, net.cw);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(r.json().at("id").as_string());
  };
  std::vector<std::string> at13, batch, at1330;
  for (int i = 0; i < 2; ++i) at13.push_back(send("2026-11-24T13:00:00Z"));
  for (int i = 0; i < 5; ++i) batch.push_back(send("2026-11-24T14:00:00Z"));
  at1330.push_back(send("2026-11-24T13:30:00Z"));
  const std::string punctual = send(nullptr);
  net.advance_minutes(3 * 60);

  // Most overdue first, a shared deadline in the order sent, then the one still on time.
  std::vector<std::string> want = at13;
  want.insert(want.end(), at1330.begin(), at1330.end());
  want.insert(want.end(), batch.begin(), batch.end());
  want.push_back(punctual);
  auto all = net.server.get("/api/v1/referrals?box=inbox&limit=500", net.ngo_partner);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(ids_of(all), want);

  for (int limit : {1, 2, 3, 4}) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    for (const char* filter : {"", "&overdue=true"}) {
      std::vector<std::string> walked;
      std::string cursor;
      for (int page = 0; page < 20; ++page) {
        auto r = net.server.get("/api/v1/referrals?box=inbox&limit=" + std::to_string(limit) +
                                    filter + (cursor.empty() ? "" : "&cursor=" + cursor),
                                net.ngo_partner);
        ASSERT_EQ(r.status, 200) << r.body;
        for (auto& id : ids_of(r)) walked.push_back(id);
        auto body = r.json();
        if (body.at("next_cursor").is_null()) break;
        cursor = std::string(body.at("next_cursor").as_string());
      }
      auto expected = want;
      if (*filter) expected.pop_back();  // overdue only: not the punctual one
      EXPECT_EQ(walked, expected) << filter;
    }
  }
}

}  // namespace
