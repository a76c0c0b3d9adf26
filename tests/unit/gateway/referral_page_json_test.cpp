// A page of referrals written in one arena (referral_page_json) is byte for byte the body the
// generic page_json over referral_json writes: clients and their caches see no change.
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/referral_json.hpp"
#include "gateway/handlers/referral_page_json.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace enlace::gateway {
namespace {

namespace bj = boost::json;
using core::Timestamp;

Timestamp at_ms(std::int64_t ms) { return core::from_millis(ms); }

std::vector<core::ListedReferral> rows() {
  std::vector<core::ListedReferral> out;
  core::ReferralRecord sender;
  sender.id = "r-1";
  sender.sender_view = true;
  sender.case_id = "c-1";
  sender.from_org = "o-a";
  sender.to_org = "o-b";
  sender.service_id = "s-1";
  sender.category = "shelter";
  sender.urgency = core::Urgency::high;
  sender.reason = "Needs a bed tonight, \"urgently\" \\ and\nwith two children: ñandú.";
  sender.status = core::Status::accepted;
  sender.legal_basis = core::LegalBasis::vital_interest;
  sender.justification = "Alone at night.";
  sender.shared_fields = {core::SharedField::given_name, core::SharedField::needs};
  sender.snapshot = R"({"fields":["given_name","needs"],"given_name":"Ana","needs":[{"category":"shelter","urgency":"high","note":"two children"}]})";
  sender.needs_choice = core::NeedsChoice{{"shelter", "health"}, {core::SpecificNeed::pregnancy}};
  sender.respond_by = at_ms(1'795'000'000'000);
  sender.requested_at = at_ms(1'794'900'000'000);
  sender.responded_at = at_ms(1'794'950'000'000);
  sender.outcome_by = at_ms(1'796'000'000'000);
  sender.reviewed_at = at_ms(1'794'960'000'000);
  sender.version = 3;
  sender.created_at = at_ms(1'794'800'000'000);
  sender.updated_at = at_ms(1'794'950'000'000);
  out.push_back({sender, {true, 1'795'000'000'000, 1}});
  core::ReferralRecord receiver = sender;
  receiver.id = "r-2";
  receiver.sender_view = false;
  receiver.case_id.reset();
  receiver.justification.reset();
  receiver.needs_choice.reset();
  receiver.status = core::Status::rejected;
  receiver.reason_code = "no_capacity";
  receiver.outcome_code = "other";
  receiver.outcome = "Full.";
  receiver.closed_at = at_ms(1'794'990'000'000);
  out.push_back({receiver, {false, 0, 2}});
  core::ReferralRecord bare;  // a draft: nothing optional set, no snapshot
  bare.id = "r-3";
  bare.sender_view = true;
  bare.from_org = "o-a";
  bare.to_org = "o-c";
  bare.category = "legal";
  bare.snapshot = "not json";  // unreadable: shown as null by both
  out.push_back({bare, {false, 0, 3}});
  return out;
}

std::string generic(std::vector<core::ListedReferral> page, int limit, const std::string& next,
                    Timestamp now) {
  auto body = page_json(
      std::move(page), limit,
      [now](const core::ListedReferral& l) { return referral_json(l.referral, now); },
      [&next](const core::ListedReferral&) { return next; });
  return bj::serialize(body);
}

TEST(ReferralPageJson, APageIsTheSameBytesAsThroughPageJson) {
  const Timestamp now = at_ms(1'795'100'000'000);  // r-1 overdue on its outcome
  for (int limit : {1, 2, 3, 50}) {
    auto all = rows();
    EXPECT_EQ(referral_page_json(all, limit, "1:1795000000000:1", now),
              generic(all, limit, "1:1795000000000:1", now))
        << "limit " << limit;
  }
  EXPECT_EQ(referral_page_json({}, 50, "", now), generic({}, 50, "", now));
  EXPECT_EQ(referral_page_json({}, 50, "", now), R"({"items":[],"next_cursor":null})");
}

}  // namespace
}  // namespace enlace::gateway
