// The webhook use cases on the in-memory directory: only the organisation's org_admins add,
// list and delete its webhooks and read their deliveries; adding and deleting leave one event
// each; a refusal (another organisation's admin, an unknown organisation, a full list, another
// organisation's webhook) changes nothing and leaves no event.
#include "core/use_cases/webhooks.hpp"

#include "core/webhook_rules.hpp"
#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_directory_store.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::MemoryAuditTrail;
using testing::MemoryDirectory;
using testing::RecordedAudit;

class WebhookUseCases : public ::testing::Test {
 protected:
  MemoryDirectory directory;
  MemoryAuditTrail audit;
  WebhookPorts ports{directory, audit};
  Timestamp now = at("2026-12-06T10:00:00Z");
  Actor admin_a{"u-admin-a", "org-a", {Role::org_admin}, ""};
  Actor admin_b{"u-admin-b", "org-b", {Role::org_admin}, ""};
  Actor partner_a{"u-partner-a", "org-a", {Role::partner}, ""};

  static WebhookDraft draft(const std::string& id) {
    return {id, "https://example.org/hook", {"referral.created"}, "whsec_x"};
  }
};

TEST_F(WebhookUseCases, TheOrganisationsAdminAddsListsAndDeletesItsWebhooks) {
  auto made = create_webhook(ports, admin_a, "org-a", draft("wh-1"), now);
  ASSERT_TRUE(made.has_value()) << made.error().detail;
  EXPECT_EQ(made->organization_id, "org-a");
  EXPECT_EQ(made->created_at, now);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"webhook.create", "webhook", "wh-1", "ok"}}));

  auto listed = list_webhooks(directory, admin_a, "org-a");
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).url, "https://example.org/hook");
  auto log = list_webhook_deliveries(directory, admin_a, "org-a", "wh-1");
  ASSERT_TRUE(log.has_value());
  EXPECT_TRUE(log->empty());

  ASSERT_TRUE(delete_webhook(ports, admin_a, "org-a", "wh-1").has_value());
  EXPECT_EQ(audit.events.back(), (RecordedAudit{"webhook.delete", "webhook", "wh-1", "ok"}));
  EXPECT_TRUE(directory.webhook_rows.empty());
}

TEST_F(WebhookUseCases, AnotherOrganisationsAdminIsForbiddenAndAnUnknownOrganisationNotFound) {
  ASSERT_TRUE(create_webhook(ports, admin_a, "org-a", draft("wh-1"), now).has_value());
  audit.events.clear();

  EXPECT_EQ(create_webhook(ports, admin_b, "org-a", draft("wh-2"), now).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(delete_webhook(ports, admin_b, "org-a", "wh-1").error().code, ErrorCode::forbidden);
  EXPECT_EQ(delete_webhook(ports, partner_a, "org-a", "wh-1").error().code, ErrorCode::forbidden);
  EXPECT_EQ(list_webhooks(directory, admin_b, "org-a").error().code, ErrorCode::forbidden);
  EXPECT_EQ(list_webhook_deliveries(directory, admin_b, "org-a", "wh-1").error().code,
            ErrorCode::forbidden);
  auto unknown = check_webhook_manager(directory, admin_b, "org-none");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  EXPECT_EQ(unknown.error().detail, "No such organisation.");
  EXPECT_EQ(check_webhook_manager(directory, admin_b, "org-a").error().code, ErrorCode::forbidden);
  EXPECT_TRUE(check_webhook_manager(directory, admin_a, "org-a").has_value());

  EXPECT_EQ(directory.webhook_rows.size(), 1u);
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(WebhookUseCases, AFullListIsAConflictAndAnotherOrganisationsWebhookIsNotFound) {
  for (std::size_t i = 0; i < kMaxWebhooksPerOrganization; ++i)
    ASSERT_TRUE(create_webhook(ports, admin_a, "org-a", draft("wh-" + std::to_string(i)), now)
                    .has_value());
  audit.events.clear();
  auto full = create_webhook(ports, admin_a, "org-a", draft("wh-more"), now);
  ASSERT_FALSE(full.has_value());
  EXPECT_EQ(full.error().code, ErrorCode::conflict);
  EXPECT_EQ(full.error().type, "too-many-webhooks");

  // org-b's admin names org-a's webhook under org-b: not theirs, so not found.
  EXPECT_EQ(delete_webhook(ports, admin_b, "org-b", "wh-0").error().code, ErrorCode::not_found);
  EXPECT_EQ(list_webhook_deliveries(directory, admin_b, "org-b", "wh-0").error().code,
            ErrorCode::not_found);
  EXPECT_EQ(directory.webhook_rows.size(), kMaxWebhooksPerOrganization);
  EXPECT_TRUE(audit.events.empty());
}

}  // namespace
}  // namespace enlace::core
