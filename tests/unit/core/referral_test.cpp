#include "core/referral.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::fields_of;
using testing::names_field;

const Timestamp kNow = at("2026-03-15T10:00:00Z");
const std::vector<std::string> kCategories = {"shelter", "health"};

ReferralDraft valid_draft() {
  ReferralDraft d;
  d.case_id = "case-1";
  d.to_organization_id = "org-b";
  d.category = "shelter";
  d.urgency = "high";
  d.reason = "Family of four, no place tonight.";
  d.shared_fields = std::vector<std::string>{"given_name", "needs"};
  return d;
}

Result<ReferralRequest> make(const ReferralDraft& d) {
  return make_referral_request(d, kCategories, kNow);
}

TEST(Referral, ValidDraftDefaultsToRequestedUnderConsent) {
  auto r = make(valid_draft());
  ASSERT_TRUE(r) << fields_of(r.error());
  EXPECT_EQ(r->status, Status::requested);
  EXPECT_EQ(r->legal_basis, LegalBasis::consent);
  EXPECT_EQ(r->urgency, Urgency::high);
  EXPECT_FALSE(r->service_id);
  EXPECT_FALSE(r->respond_by);
  ASSERT_EQ(r->shared_fields.size(), 2u);
  EXPECT_EQ(r->shared_fields[1], SharedField::needs);
}

TEST(Referral, MayBeSavedAsDraftWithServiceAndDeadline) {
  auto d = valid_draft();
  d.status = "draft";
  d.service_id = "svc-9";
  d.respond_by = "2026-03-16T10:00:00Z";
  auto r = make(d);
  ASSERT_TRUE(r) << fields_of(r.error());
  EXPECT_EQ(r->status, Status::draft);
  EXPECT_EQ(r->service_id, "svc-9");
  EXPECT_EQ(r->respond_by, at("2026-03-16T10:00:00Z"));
}

TEST(Referral, OnlyDraftOrRequestedMayBeChosen) {
  auto d = valid_draft();
  for (auto bad : {"accepted", "completed", "in-progress", ""}) {
    d.status = bad;
    EXPECT_TRUE(names_field(make(d).error(), "status")) << bad;
  }
}

TEST(Referral, ReportsEveryProblemAtOnce) {
  ReferralDraft d;
  d.category = "spaceflight";
  d.urgency = "asap";
  d.reason = std::string(2001, 'r');
  d.shared_fields = std::vector<std::string>{"phone", "address", "phone"};
  d.respond_by = "2026-03-15T10:00:00Z";
  auto r = make(d);
  ASSERT_FALSE(r);
  for (auto f : {"case_id", "to_organization_id", "category", "urgency", "reason",
                 "shared_fields[1]", "shared_fields[2]", "respond_by"})
    EXPECT_TRUE(names_field(r.error(), f)) << f << "\n" << fields_of(r.error());
}

TEST(Referral, ReasonIsRequired) {
  auto d = valid_draft();
  d.reason = "  ";
  EXPECT_TRUE(names_field(make(d).error(), "reason"));
}

TEST(Referral, VitalInterestNeedsEmergencyAndJustification) {
  auto d = valid_draft();
  d.legal_basis = "vital_interest";
  auto r = make(d);
  ASSERT_FALSE(r);
  EXPECT_TRUE(names_field(r.error(), "legal_basis"));    // urgency is high
  EXPECT_TRUE(names_field(r.error(), "justification"));  // none given

  d.urgency = "emergency";
  d.justification = "too short";
  EXPECT_TRUE(names_field(make(d).error(), "justification"));

  d.justification = "Unconscious after a fall; needs a hospital bed now.";
  auto ok = make(d);
  ASSERT_TRUE(ok) << fields_of(ok.error());
  EXPECT_EQ(ok->legal_basis, LegalBasis::vital_interest);
  EXPECT_EQ(ok->justification, "Unconscious after a fall; needs a hospital bed now.");
}

TEST(Referral, JustificationUnderConsentIsRefused) {
  auto d = valid_draft();
  d.justification = "Some words that do not belong here at all.";
  EXPECT_TRUE(names_field(make(d).error(), "justification"));
}

TEST(Referral, UnknownLegalBasisIsRefused) {
  auto d = valid_draft();
  d.legal_basis = "public_interest";
  EXPECT_TRUE(names_field(make(d).error(), "legal_basis"));
}

}  // namespace
}  // namespace enlace::core
