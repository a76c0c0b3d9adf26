// The box pages and FHIR's Task search on the in-memory reader: who may list which box, the
// order and the cursor's text across pages, which boxes a search reads, and that a page itself
// records nothing (its one event is record_referral_page's, after the read).
#include "core/use_cases/list_referrals.hpp"
#include "core/use_cases/referral_pages.hpp"

#include "unit/core/use_cases/memory_referral_ports.hpp"
#include "unit/core/test_support.hpp"

#include <chrono>
#include <tuple>

namespace enlace::core {
namespace {

using namespace std::chrono_literals;
using testing::at;
using testing::MemoryAuditTrail;
using testing::MemoryReferralStore;

std::vector<std::string> ids(const ReferralPage& page) {
  std::vector<std::string> out;
  for (const auto& l : page.rows) out.push_back(l.referral.id);
  return out;
}

class ListReferrals : public ::testing::Test {
 protected:
  MemoryReferralStore store;
  MemoryAuditTrail audit;
  Timestamp now = at("2026-12-06T10:00:00Z");
  Actor caseworker{"u-cw", "org-a", {Role::caseworker}, ""};
  Actor admin_a{"u-adm", "org-a", {Role::org_admin}, ""};
  Actor partner{"u-p", "org-b", {Role::partner}, ""};
  Actor both{"u-bcw", "org-b", {Role::caseworker}, ""};  // sends and receives for org-b
  Actor auditor{"u-aud", "org-a", {Role::auditor}, ""};

  // A referral sent from `from` to `to`, due in `due` (negative: overdue now).
  void add(const std::string& id, const std::string& from, const std::string& to,
           std::chrono::hours due, Status status = Status::requested,
           LegalBasis basis = LegalBasis::consent) {
    NewReferral n;
    n.id = id;
    n.case_id = "case-" + id;
    n.from_org = from;
    n.to_org = to;
    n.category = "shelter";
    n.status = status;
    n.legal_basis = basis;
    n.respond_by = now + due;
    Actor sender{"u-s", from, {Role::caseworker}, ""};
    ASSERT_TRUE(store.insert_referral(sender, n, now - 96h).has_value());
  }
};

TEST_F(ListReferrals, APositionReadsBackFromItsTextAndNothingElseParses) {
  ListPosition overdue{true, 1'795'000'000'000, 42};
  ListPosition punctual{false, 0, 7};
  auto a = ListPosition::parse(overdue.text());
  auto b = ListPosition::parse(punctual.text());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->text(), overdue.text());
  EXPECT_EQ(std::tuple(a->overdue, a->due, a->seq), std::tuple(true, overdue.due, std::int64_t{42}));
  EXPECT_EQ(std::tuple(b->overdue, b->seq), std::tuple(false, std::int64_t{7}));
  for (const char* bad : {"", "0:", "1:5", "2:5", "0:-1", "1:-5:3", "0:5x", "o|0:5", "0;5"})
    EXPECT_FALSE(ListPosition::parse(bad)) << bad;
  auto side = SearchPosition::parse(SearchPosition{Box::inbox, overdue}.text());
  ASSERT_TRUE(side);
  EXPECT_EQ(side->side, Box::inbox);
  EXPECT_EQ(side->after.text(), overdue.text());
  for (const char* bad : {"", "o|", "x|0:5", "i:0:5", "0:5"})
    EXPECT_FALSE(SearchPosition::parse(bad)) << bad;
}

TEST_F(ListReferrals, AnInboxPagesOverdueFirstThenNewestWithACursorBetweenPages) {
  add("r1", "org-a", "org-b", 24h);
  add("r2", "org-a", "org-b", -2h);   // overdue for 2 hours
  add("r3", "org-a", "org-b", 48h);
  add("r4", "org-a", "org-b", -30h);  // the most overdue
  add("r5", "org-a", "org-c", -30h);  // another receiver's
  ReferralListQuery q;
  q.box = Box::inbox;
  q.limit = 3;
  auto first = list_referrals(store, partner, q, now);
  ASSERT_TRUE(first.has_value()) << first.error().detail;
  EXPECT_EQ(ids(*first), (std::vector<std::string>{"r4", "r2", "r3", "r1"}));
  EXPECT_EQ(first->shown, (std::vector<std::string>{"r4", "r2", "r3"}))
      << "the extra row only says that there is more";
  ASSERT_TRUE(first->next);
  EXPECT_EQ(*first->next, first->rows[2].position.text());
  q.after = ListPosition::parse(*first->next);
  ASSERT_TRUE(q.after);
  auto second = list_referrals(store, partner, q, now);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->shown, (std::vector<std::string>{"r1"}));
  EXPECT_FALSE(second->next) << "the last page";
  EXPECT_TRUE(audit.events.empty());
  EXPECT_TRUE(audit.listings.empty()) << "the read records nothing; the page's write does";
  record_referral_page(audit, first->shown);
  EXPECT_EQ(audit.listings, (std::vector<testing::RecordedListing>{
                                {"referral.list", "referral", {"r4", "r2", "r3"}}}));
}

TEST_F(ListReferrals, ABoxTheRolesMayNotUseIsForbiddenBeforeAnyRead) {
  add("r1", "org-a", "org-b", 24h);
  ReferralListQuery q;
  q.box = Box::outbox;
  auto as_partner = list_referrals(store, partner, q, now);
  ASSERT_FALSE(as_partner.has_value());
  EXPECT_EQ(as_partner.error().code, ErrorCode::forbidden);
  q.box = Box::review;
  auto as_caseworker = list_referrals(store, caseworker, q, now);
  ASSERT_FALSE(as_caseworker.has_value());
  EXPECT_EQ(as_caseworker.error().code, ErrorCode::forbidden)
      << "review is the sending org_admin's list";
  EXPECT_TRUE(store.list_queries.empty());
  EXPECT_TRUE(audit.events.empty()) << "the caller states the refusal; the read wrote nothing";
}

TEST_F(ListReferrals, WhoMayUseWhichBox) {
  EXPECT_TRUE(may_list(partner, Box::inbox));
  EXPECT_FALSE(may_list(partner, Box::outbox));
  EXPECT_TRUE(may_list(caseworker, Box::outbox));
  EXPECT_TRUE(may_list(caseworker, Box::inbox));
  EXPECT_FALSE(may_list(caseworker, Box::review));
  EXPECT_TRUE(may_list(admin_a, Box::outbox));
  EXPECT_TRUE(may_list(admin_a, Box::review));
  for (Box box : {Box::inbox, Box::outbox, Box::review}) EXPECT_FALSE(may_list(auditor, box));
}

TEST_F(ListReferrals, TheReviewListHoldsTheVitalInterestReferralsNotYetReviewed) {
  add("r1", "org-a", "org-b", 24h, Status::requested, LegalBasis::vital_interest);
  add("r2", "org-a", "org-b", 24h);
  ReferralListQuery q;
  q.box = Box::review;
  auto page = list_referrals(store, admin_a, q, now);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->shown, (std::vector<std::string>{"r1"}));
}

TEST_F(ListReferrals, ASearchReadsTheOutboxThenTheInboxAndResumesOnTheCursorsSide) {
  add("out1", "org-b", "org-a", 24h);
  add("in1", "org-a", "org-b", 24h);
  add("in2", "org-a", "org-b", 48h);
  ReferralSearch s;
  s.count = 2;
  auto first = search_referrals(store, both, s, now);
  ASSERT_TRUE(first.has_value()) << first.error().detail;
  EXPECT_EQ(first->shown, (std::vector<std::string>{"out1", "in2"}));
  ASSERT_TRUE(first->next);
  EXPECT_EQ(first->next->substr(0, 2), "i|") << "the next page starts in the inbox";
  ASSERT_EQ(store.list_queries.size(), 2u);
  EXPECT_EQ(store.list_queries[0].box, Box::outbox);
  EXPECT_EQ(store.list_queries[0].limit, 2);
  EXPECT_EQ(store.list_queries[1].box, Box::inbox);
  EXPECT_EQ(store.list_queries[1].limit, 1) << "what is left of the page, and one more";
  store.list_queries.clear();
  s.after = SearchPosition::parse(*first->next);
  ASSERT_TRUE(s.after);
  auto second = search_referrals(store, both, s, now);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->shown, (std::vector<std::string>{"in1"}));
  EXPECT_FALSE(second->next);
  ASSERT_EQ(store.list_queries.size(), 1u) << "the outbox is done";
  EXPECT_EQ(store.list_queries[0].box, Box::inbox);
  EXPECT_TRUE(audit.listings.empty());
}

TEST_F(ListReferrals, ASearchSkipsTheBoxItsRequesterOrOwnerRulesOut) {
  add("out1", "org-b", "org-a", 24h);
  add("in1", "org-a", "org-b", 24h);
  ReferralSearch s;
  s.filters.from_org = "org-a";  // requester: only the inbox can match
  auto page = search_referrals(store, both, s, now);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->shown, (std::vector<std::string>{"in1"}));
  ASSERT_EQ(store.list_queries.size(), 1u);
  EXPECT_EQ(store.list_queries[0].box, Box::inbox);
  store.list_queries.clear();
  s = ReferralSearch{};
  s.filters.to_org = "org-a";  // owner: only the outbox
  page = search_referrals(store, both, s, now);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->shown, (std::vector<std::string>{"out1"}));
  ASSERT_EQ(store.list_queries.size(), 1u);
  EXPECT_EQ(store.list_queries[0].box, Box::outbox);
}

TEST_F(ListReferrals, ASearchByARoleThatListsNoBoxIsForbidden) {
  add("r1", "org-a", "org-b", 24h);
  auto page = search_referrals(store, auditor, ReferralSearch{}, now);
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(store.list_queries.empty());
}

}  // namespace
}  // namespace enlace::core
