// core/case_transfer: when a case may go to another organisation.
#include "core/case_transfer.hpp"

#include "test_support.hpp"

using namespace enlace::core;
using enlace::core::testing::names_field;

namespace {

const Timestamp kNow = *parse_timestamp("2026-12-06T10:00:00Z");

Consent consent(std::vector<std::string> categories, std::vector<std::string> orgs) {
  Consent c;
  c.id = "c-1";
  c.categories = std::move(categories);
  c.organizations = std::move(orgs);
  c.given_at = kNow - std::chrono::hours(24);
  c.expires_at = kNow + std::chrono::hours(24 * 300);
  return c;
}

}  // namespace

TEST(CaseTransfer, NeedsAnOrganisationAndAReason) {
  auto e = make_transfer_request(std::nullopt, std::string("  ")).error();
  EXPECT_TRUE(names_field(e, "to_organization_id"));
  EXPECT_TRUE(names_field(e, "reason"));
  auto ok = make_transfer_request(std::string("o-b"), std::string(" Moved. "));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->reason, "Moved.");
}

TEST(CaseTransfer, ACoveringConsentNamesTheScopeAndTheOrganisation) {
  TransferRequest r{"o-b", "Moved."};
  std::vector<Consent> cs{consent({"shelter"}, {"o-b"}), consent({"case_transfer"}, {"o-c"})};
  EXPECT_TRUE(names_field(check_transfer("o-a", CaseStatus::open, r, cs, kNow).error(), "consent"));
  cs.push_back(consent({"case_transfer", "health"}, {"o-b"}));
  cs.back().id = "c-3";
  auto ok = check_transfer("o-a", CaseStatus::open, r, cs, kNow);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, "c-3");
}

TEST(CaseTransfer, AnExpiredOrWithdrawnConsentDoesNotCover) {
  TransferRequest r{"o-b", "Moved."};
  auto withdrawn = consent({"case_transfer"}, {"o-b"});
  withdrawn.withdrawn_at = kNow - std::chrono::hours(1);
  auto expired = consent({"case_transfer"}, {"o-b"});
  expired.expires_at = kNow - std::chrono::hours(1);
  std::vector<Consent> cs{withdrawn, expired};
  EXPECT_FALSE(check_transfer("o-a", CaseStatus::open, r, cs, kNow));
}

TEST(CaseTransfer, NotToItselfAndNotWhenClosed) {
  std::vector<Consent> cs{consent({"case_transfer"}, {"o-a", "o-b"})};
  EXPECT_TRUE(names_field(check_transfer("o-a", CaseStatus::open, {"o-a", "x"}, cs, kNow).error(),
                          "to_organization_id"));
  EXPECT_EQ(check_transfer("o-a", CaseStatus::closed, {"o-b", "x"}, cs, kNow).error().code,
            ErrorCode::conflict);
}

TEST(CaseTransfer, ConsentsAcceptTheScopeBesideServiceCategories) {
  ConsentDraft d{std::string("verbal"), std::vector<std::string>{"case_transfer", "shelter"},
                 std::vector<std::string>{"o-b"}, std::nullopt};
  std::vector<std::string> known{"shelter"};
  auto c = make_consent(d, known, kNow);
  ASSERT_TRUE(c) << enlace::core::testing::fields_of(c.error());
  EXPECT_EQ(c->categories.size(), 2u);
}
