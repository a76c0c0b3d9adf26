// The mail sender: a thread of its own (never an I/O thread, never the writer) that takes due
// mails from the outbox, sends them through SMTP and records the outcome. A mail is marked
// sent only after the server accepted it; a failed try waits on core/delivery_retry.hpp's
// schedule, read against the server's clock, so that the state survives restarts and tests
// move time instead of sleeping. It also turns the daily entries into digests after each UTC
// midnight.
#pragma once

#include <memory>

namespace enlace::gateway {

class App;

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Returns after the mail being sent, if any, is done with (at most libcurl's timeout).
  virtual void stop() = 0;
};

// Null when smtp_url is unset (no e-mail). Reads smtp_password_file now; a missing file is
// logged and the sender runs without AUTH failing every try rather than stopping the server.
std::unique_ptr<MailSender> start_mail_sender(App& app);

}  // namespace enlace::gateway
