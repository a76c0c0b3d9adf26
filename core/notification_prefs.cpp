#include "core/notification_prefs.hpp"

#include <algorithm>

namespace enlace::core {

std::string_view to_string(MailMode m) {
  switch (m) {
    case MailMode::immediate: return "immediate";
    case MailMode::daily: return "daily";
    case MailMode::off: return "off";
  }
  return "off";
}

std::optional<MailMode> parse_mail_mode(std::string_view s) {
  for (auto m : {MailMode::immediate, MailMode::daily, MailMode::off})
    if (to_string(m) == s) return m;
  return std::nullopt;
}

bool is_notification_key(std::string_view key) {
  return std::find(kNotificationKeys.begin(), kNotificationKeys.end(), key) !=
         kNotificationKeys.end();
}

namespace {
bool holds(const std::vector<Role>& roles, Role r) {
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}
}  // namespace

MailMode default_mail_mode(std::string_view key, const std::vector<Role>& roles,
                           MailAudience part) {
  if (key == "digest") return MailMode::daily;
  const bool receiver = part.in_receiving_org &&
                        (holds(roles, Role::partner) || holds(roles, Role::org_admin));
  const bool sender = part.sent_it && holds(roles, Role::caseworker);
  if (receiver && (key == "referral.created" || key == "referral.overdue"))
    return MailMode::immediate;
  if (sender && (key == "referral.updated" || key == "referral.message" ||
                 key == "referral.overdue"))
    return MailMode::immediate;
  return MailMode::off;
}

MailMode default_mail_mode(std::string_view key, const std::vector<Role>& roles) {
  return default_mail_mode(key, roles, {.in_receiving_org = true, .sent_it = true});
}

MailChoices mail_modes_shown(const MailChoices& chosen, const std::vector<Role>& roles) {
  MailChoices shown;
  for (auto key : kNotificationKeys) {
    auto it = chosen.find(key);
    shown.emplace(key, it != chosen.end() ? it->second : default_mail_mode(key, roles));
  }
  return shown;
}

}  // namespace enlace::core
