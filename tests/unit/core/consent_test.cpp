#include "core/consent.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::fields_of;
using testing::names_field;

const Timestamp kNow = at("2026-03-15T10:00:00Z");
const std::vector<std::string> kCategories = {"shelter", "health", "legal_aid"};

ConsentDraft valid_draft() {
  ConsentDraft d;
  d.method = "verbal";
  d.categories = std::vector<std::string>{"shelter", "health"};
  d.organizations = std::vector<std::string>{"org-a", "org-b"};
  return d;
}

Consent valid_consent() { return *make_consent(valid_draft(), kCategories, kNow); }

TEST(Consent, DefaultsToTwelveMonths) {
  auto c = make_consent(valid_draft(), kCategories, kNow);
  ASSERT_TRUE(c) << fields_of(c.error());
  EXPECT_EQ(c->method, ConsentMethod::verbal);
  EXPECT_EQ(c->given_at, kNow);
  EXPECT_EQ(c->expires_at, at("2027-03-15T10:00:00Z"));
  EXPECT_FALSE(c->withdrawn_at);
}

TEST(Consent, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(add_months(at("2028-02-29T08:30:00Z"), 12), at("2029-02-28T08:30:00Z"));
  EXPECT_EQ(add_months(at("2026-01-31T00:00:00Z"), 1), at("2026-02-28T00:00:00Z"));
  EXPECT_EQ(add_months(at("2026-11-30T23:59:59Z"), 3), at("2027-02-28T23:59:59Z"));
}

TEST(Consent, ExplicitExpiryMustBeFutureAndWithinFiveYears) {
  auto d = valid_draft();
  d.expires_at = "2026-09-01T00:00:00Z";
  auto ok = make_consent(d, kCategories, kNow);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->expires_at, at("2026-09-01T00:00:00Z"));
  d.expires_at = "2031-03-15T10:00:00Z";
  EXPECT_TRUE(make_consent(d, kCategories, kNow));
  for (auto bad : {"2026-03-15T10:00:00Z", "2020-01-01T00:00:00Z", "2031-03-15T10:00:01Z",
                   "next year"}) {
    d.expires_at = bad;
    EXPECT_TRUE(names_field(make_consent(d, kCategories, kNow).error(), "expires_at")) << bad;
  }
}

TEST(Consent, ReportsMethodCategoryAndOrganisationErrorsTogether) {
  ConsentDraft d;
  d.method = "implied";
  d.categories = std::vector<std::string>{"shelter", "spaceflight", "shelter"};
  d.organizations = std::vector<std::string>{"", "org-a", "org-a"};
  auto e = make_consent(d, kCategories, kNow).error();
  for (auto f : {"method", "categories[1]", "categories[2]", "organizations[0]",
                 "organizations[2]"})
    EXPECT_TRUE(names_field(e, f)) << f << "\n" << fields_of(e);
  EXPECT_EQ(e.fields.items().size(), 5u) << fields_of(e);
}

TEST(Consent, MethodIsRequired) {
  auto d = valid_draft();
  d.method.reset();
  EXPECT_TRUE(names_field(make_consent(d, kCategories, kNow).error(), "method"));
}

TEST(Consent, EmptyListsAreAllowedButCoverNothing) {
  ConsentDraft d;
  d.method = "written";
  auto c = make_consent(d, kCategories, kNow);
  ASSERT_TRUE(c);
  EXPECT_FALSE(covers(*c, "shelter", "org-a", kNow));
}

TEST(Consent, CoversListedCategoryAndOrganisationWhileActive) {
  auto c = valid_consent();
  EXPECT_TRUE(covers(c, "shelter", "org-a", kNow));
  EXPECT_TRUE(covers(c, "health", "org-b", at("2027-03-15T09:59:59Z")));
}

TEST(Consent, DoesNotCoverOtherCategoryOrOrganisation) {
  auto c = valid_consent();
  EXPECT_FALSE(covers(c, "legal_aid", "org-a", kNow));
  EXPECT_FALSE(covers(c, "shelter", "org-c", kNow));
}

TEST(Consent, ExpiredConsentCoversNothing) {
  auto c = valid_consent();
  EXPECT_FALSE(covers(c, "shelter", "org-a", at("2027-03-15T10:00:00Z")));
  EXPECT_FALSE(is_active(c, at("2030-01-01T00:00:00Z")));
}

TEST(Consent, WithdrawnConsentCoversNothingFromThenOn) {
  auto w = withdraw(valid_consent(), at("2026-04-01T00:00:00Z"));
  ASSERT_TRUE(w);
  EXPECT_EQ(w->withdrawn_at, at("2026-04-01T00:00:00Z"));
  EXPECT_FALSE(covers(*w, "shelter", "org-a", at("2026-04-01T00:00:00Z")));
  EXPECT_TRUE(covers(*w, "shelter", "org-a", at("2026-03-20T00:00:00Z")));  // history
}

TEST(Consent, WithdrawingTwiceIsAConflict) {
  auto w = withdraw(valid_consent(), kNow);
  ASSERT_TRUE(w);
  auto again = withdraw(*w, kNow);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().type, "consent-withdrawn");
}

}  // namespace
}  // namespace enlace::core
