// The words of notification e-mails, one table per UI language, and the mails made from them.
// A mail says only what happened, to which kind of referral (category, urgency, state,
// deadline, the organisation concerned) and where to sign in: it is built from codes and
// organisation names, so it cannot carry a person's name or a case field (SECURITY.md).
#pragma once

#include "core/time.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace enlace::core {

// The UI's languages: es en fr pt ht fil.
bool is_ui_language(std::string_view code);

struct MailFacts {
  std::string event;         // referral.created | referral.updated | referral.message | referral.overdue
  std::string category;      // the category's name in the directory
  std::string urgency;       // emergency | high | normal
  std::string status;        // the state the referral reached (a lifecycle code)
  std::string organization;  // the receiving organisation's name
  std::optional<Timestamp> deadline;
  std::string link;          // public_url, where the reader signs in
};

struct MailContent {
  std::string subject, text, html;
};

// `language` outside the six falls back to Spanish, the network's working language.
MailContent compose_notification(std::string_view language, const MailFacts& facts);

// The day's digest: how many of each event (keys as in MailFacts::event) the user chose to
// hear about daily, for the UTC day `day`.
MailContent compose_digest(std::string_view language, const std::map<std::string, int>& counts,
                           Date day, const std::string& link);

}  // namespace enlace::core
