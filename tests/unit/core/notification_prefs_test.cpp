#include "core/notification_prefs.hpp"

#include <gtest/gtest.h>

using namespace enlace::core;

TEST(NotificationPrefs, ReceiversHearNewAndOverdueReferralsOfTheirInbox) {
  MailAudience inbox{.in_receiving_org = true};
  for (auto role : {Role::partner, Role::org_admin}) {
    EXPECT_EQ(default_mail_mode("referral.created", {role}, inbox), MailMode::immediate);
    EXPECT_EQ(default_mail_mode("referral.overdue", {role}, inbox), MailMode::immediate);
    EXPECT_EQ(default_mail_mode("referral.updated", {role}, inbox), MailMode::off);
    EXPECT_EQ(default_mail_mode("referral.message", {role}, inbox), MailMode::off);
  }
  // A caseworker of the receiving organisation is not its inbox's audience.
  EXPECT_EQ(default_mail_mode("referral.created", {Role::caseworker}, inbox), MailMode::off);
}

TEST(NotificationPrefs, SendersHearAnswersMessagesAndOverdueOfWhatTheySent) {
  MailAudience sent{.sent_it = true};
  EXPECT_EQ(default_mail_mode("referral.updated", {Role::caseworker}, sent), MailMode::immediate);
  EXPECT_EQ(default_mail_mode("referral.message", {Role::caseworker}, sent), MailMode::immediate);
  EXPECT_EQ(default_mail_mode("referral.overdue", {Role::caseworker}, sent), MailMode::immediate);
  EXPECT_EQ(default_mail_mode("referral.created", {Role::caseworker}, sent), MailMode::off);
  EXPECT_EQ(default_mail_mode("referral.updated", {Role::caseworker}, {}), MailMode::off);
}

TEST(NotificationPrefs, DigestIsDailyAndModesParseByTheirNames) {
  EXPECT_EQ(default_mail_mode("digest", {Role::auditor}), MailMode::daily);
  for (auto m : {MailMode::immediate, MailMode::daily, MailMode::off})
    EXPECT_EQ(parse_mail_mode(to_string(m)), m);
  EXPECT_FALSE(parse_mail_mode("hourly"));
  EXPECT_TRUE(is_notification_key("referral.overdue"));
  EXPECT_FALSE(is_notification_key("referral.deleted"));
}
