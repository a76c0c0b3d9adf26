// The notification use cases on in-memory ports: a user's choices shown over their roles'
// defaults, choosing replaces them all and leaves one "user.notifications" event, and only a
// system_admin reads the mail queue.
#include "core/use_cases/notifications.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

#include <map>

namespace enlace::core {
namespace {

using testing::MemoryAuditTrail;
using testing::RecordedAudit;

class MemoryNotifications final : public NotificationStore, public NotificationReader {
 public:
  std::map<std::string, MailChoices> chosen;  // by user
  std::vector<MailQueueRow> queue;            // newest first
  std::vector<MailQueueQuery> queries;

  void replace_mail_choices(const std::string& user_id, const MailChoices& c) override {
    chosen[user_id] = c;
  }
  MailChoices mail_choices(const std::string& user_id) override { return chosen[user_id]; }
  std::vector<MailQueueRow> mail_queue(const MailQueueQuery& q) override {
    queries.push_back(q);
    return queue;
  }
};

class NotificationUseCases : public ::testing::Test {
 protected:
  MemoryNotifications store;
  MemoryAuditTrail audit;
  NotificationPorts ports{store, audit};
  Actor partner{"u-partner", "org-a", {Role::partner}, ""};
  Actor system_admin{"u-sys", "", {Role::system_admin}, ""};
};

TEST_F(NotificationUseCases, EveryKeyIsShownTheChoiceWhereMadeElseTheRolesDefault) {
  auto shown = read_notification_prefs(store, partner);
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(shown->size(), kNotificationKeys.size());
  EXPECT_EQ(shown->at("referral.created"), MailMode::immediate);  // a partner's inbox
  EXPECT_EQ(shown->at("referral.message"), MailMode::off);
  EXPECT_EQ(shown->at("digest"), MailMode::daily);
  EXPECT_TRUE(audit.events.empty());  // reading one's own choices is not audited

  auto chosen = choose_notifications(ports, partner, {{"referral.created", MailMode::daily}});
  ASSERT_TRUE(chosen.has_value());
  EXPECT_EQ(chosen->at("referral.created"), MailMode::daily);
  EXPECT_EQ(chosen->at("referral.overdue"), MailMode::immediate);  // left out: the default
  EXPECT_EQ(store.chosen["u-partner"].size(), 1u);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"user.notifications", "user", "u-partner", "ok"}}));
  EXPECT_EQ(read_notification_prefs(store, partner)->at("referral.created"), MailMode::daily);
}

TEST_F(NotificationUseCases, OnlyASystemAdminReadsTheMailQueue) {
  store.queue.push_back(MailQueueRow{7, "u-partner", "referral.created", "queued", 0, {}, {}, {}, {}});
  auto denied = list_mail_queue(store, partner, {"", 0, 51});
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(store.queries.empty());

  auto page = list_mail_queue(store, system_admin, {"queued", 9, 51});
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ(page->at(0).id, 7);
  ASSERT_EQ(store.queries.size(), 1u);
  EXPECT_EQ(store.queries[0].state, "queued");
  EXPECT_EQ(store.queries[0].before_id, 9);
  EXPECT_EQ(store.queries[0].limit, 51);
}

}  // namespace
}  // namespace enlace::core
