// core/hsds_terms: Enlace's words in Open Referral HSDS 3.0 and back.
#include "core/hsds_terms.hpp"

#include <gtest/gtest.h>

using namespace enlace::core;

TEST(HsdsTerms, StatusUsesHsdsWords) {
  EXPECT_EQ(hsds_status(ServiceStatus::temporarily_closed), "temporarily closed");
  for (auto s : {ServiceStatus::active, ServiceStatus::temporarily_closed, ServiceStatus::inactive})
    EXPECT_EQ(service_status_from_hsds(hsds_status(s)), s);
  EXPECT_EQ(service_status_from_hsds("defunct"), ServiceStatus::inactive);
  EXPECT_FALSE(service_status_from_hsds("temporarily_closed"));
  EXPECT_FALSE(service_status_from_hsds("open"));
}

TEST(HsdsTerms, WeekdaysAreICalendarCodes) {
  EXPECT_EQ(hsds_weekday(1), "MO");
  EXPECT_EQ(hsds_weekday(7), "SU");
  EXPECT_EQ(hsds_weekday(0), "");
  for (int d = 1; d <= 7; ++d) EXPECT_EQ(weekday_from_hsds(hsds_weekday(d)), d);
  EXPECT_FALSE(weekday_from_hsds("mo"));
  EXPECT_FALSE(weekday_from_hsds("MONDAY"));
}

TEST(HsdsTerms, WaitTimeInDays) {
  EXPECT_EQ(wait_time_text(1), "1 day");
  EXPECT_EQ(wait_time_text(14), "14 days");
  EXPECT_EQ(wait_days_from_text("14 days"), 14);
  EXPECT_EQ(wait_days_from_text("1 day"), 1);
  EXPECT_EQ(wait_days_from_text("0"), 0);
  EXPECT_FALSE(wait_days_from_text("two weeks"));
  EXPECT_FALSE(wait_days_from_text("3 weeks"));
  EXPECT_FALSE(wait_days_from_text("-2 days"));
}

TEST(HsdsTerms, AnOrganisationWithoutDescriptionIsDescribedByNameAndKind) {
  EXPECT_EQ(organization_description("Quito Help Desk", OrganizationKind::help_desk),
            "Quito Help Desk (help desk)");
  EXPECT_EQ(organization_description("UNHCR", OrganizationKind::international_organization),
            "UNHCR (international organization)");
}
