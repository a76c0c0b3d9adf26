// Who hears about a referral by e-mail, and when: the events a user may choose, the three ways
// to hear them, and the defaults of API.md ("Notifications"), decided from roles and from the
// user's part in the referral (in the receiving organisation, or the one who sent it).
#pragma once

#include "core/role.hpp"

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::core {

enum class MailMode { immediate, daily, off };

// The keys of `{"email":{...}}`: the four live event names, then "digest" (whether a user who
// chose `daily` for anything gets the day's digest mail).
inline constexpr std::array<std::string_view, 5> kNotificationKeys = {
    "referral.created", "referral.updated", "referral.message", "referral.overdue", "digest"};

std::string_view to_string(MailMode m);
std::optional<MailMode> parse_mail_mode(std::string_view s);
bool is_notification_key(std::string_view key);

// A user's part in one referral's event.
struct MailAudience {
  bool in_receiving_org = false;  // a partner or org_admin of the organisation it was sent to
  bool sent_it = false;           // the caseworker who created it
};

// The default for `key` of a user holding `roles`, for an event in which the user plays `part`:
// partners and org_admins hear `referral.created` and `referral.overdue` of their inbox;
// caseworkers hear `referral.updated`, `referral.message` and `referral.overdue` of what they
// sent; "digest" is `daily`; anything else is `off`.
MailMode default_mail_mode(std::string_view key, const std::vector<Role>& roles,
                           MailAudience part);

// The default shown on the preferences page: the mode the user gets wherever their roles let
// them take part (receiving as a partner/org_admin, sending as a caseworker).
MailMode default_mail_mode(std::string_view key, const std::vector<Role>& roles);

// A user's choices: notification key -> mode, for the keys they chose.
using MailChoices = std::map<std::string, MailMode, std::less<>>;

// What the preferences page shows: every key, the user's choice where they made one, else
// their roles' default.
MailChoices mail_modes_shown(const MailChoices& chosen, const std::vector<Role>& roles);

}  // namespace enlace::core
