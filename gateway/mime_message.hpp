// An Internet message (RFC 5322 + MIME) of a notification: multipart/alternative with a plain
// text and an HTML part, UTF-8 in base64, the subject as an RFC 2047 encoded word.
#pragma once

#include "core/mail_text.hpp"
#include "core/time.hpp"

#include <string>

namespace enlace::gateway {

struct MimeEnvelope {
  std::string from, to;
  std::string message_id;  // without the angle brackets: the same on every retry
  core::Timestamp date{};
};

std::string build_mime_message(const MimeEnvelope& envelope, const core::MailContent& content);

// "Sun, 06 Dec 2026 13:02:36 +0000"
std::string rfc5322_date(core::Timestamp t);

}  // namespace enlace::gateway
