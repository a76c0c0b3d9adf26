#include "core/lawful_basis.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::names_field;

const Timestamp kNow = at("2026-03-15T10:00:00Z");

Consent consent(std::string id, std::vector<std::string> categories,
                std::vector<std::string> orgs) {
  return Consent{std::move(id),     ConsentMethod::written, std::move(categories),
                 std::move(orgs),   at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"),
                 std::nullopt};
}

ReferralRequest request(std::string category, std::string org) {
  ReferralRequest r;
  r.case_id = "case-1";
  r.to_organization_id = std::move(org);
  r.category = std::move(category);
  r.reason = "needs help";
  return r;
}

TEST(LawfulBasis, CoveringConsentIsNamed) {
  std::vector<Consent> cs = {consent("c-1", {"health"}, {"org-b"}),
                             consent("c-2", {"shelter"}, {"org-b"})};
  auto b = check_lawful_basis(request("shelter", "org-b"), cs, kNow);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->basis, LegalBasis::consent);
  EXPECT_EQ(b->consent_id, "c-2");
}

TEST(LawfulBasis, NoCoveringConsentIs422OnConsent) {
  std::vector<Consent> cs = {consent("c-1", {"shelter"}, {"org-c"}),
                             consent("c-2", {"health"}, {"org-b"})};
  auto b = check_lawful_basis(request("shelter", "org-b"), cs, kNow);
  ASSERT_FALSE(b);
  EXPECT_TRUE(names_field(b.error(), "consent"));
  EXPECT_EQ(b.error().fields.items()[0].message, kNoConsentMessage);
}

TEST(LawfulBasis, WithdrawnOrExpiredConsentDoesNotCount) {
  auto withdrawn = consent("c-1", {"shelter"}, {"org-b"});
  withdrawn.withdrawn_at = at("2026-02-01T00:00:00Z");
  auto expired = consent("c-2", {"shelter"}, {"org-b"});
  expired.expires_at = at("2026-03-01T00:00:00Z");
  std::vector<Consent> cs = {withdrawn, expired};
  EXPECT_FALSE(check_lawful_basis(request("shelter", "org-b"), cs, kNow));
}

TEST(LawfulBasis, VitalInterestNeedsNoConsent) {
  auto r = request("health", "org-b");
  r.urgency = Urgency::emergency;
  r.legal_basis = LegalBasis::vital_interest;
  r.justification = "Unconscious after a fall; needs a hospital bed now.";
  auto b = check_lawful_basis(r, {}, kNow);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->basis, LegalBasis::vital_interest);
  EXPECT_EQ(b->consent_id, "");
}

}  // namespace
}  // namespace enlace::core
