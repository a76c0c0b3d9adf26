// Sending one message through the network's SMTP server with libcurl (a well-kept client:
// STARTTLS, SMTPS, AUTH), never a hand-written SMTP dialogue.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace enlace::gateway {

struct SmtpSettings {
  std::string url;       // smtp://host:port (STARTTLS when the server offers it) or smtps://
  std::string user, password;  // AUTH when user is set
  std::string from;      // the envelope sender
};

// One connection's worth of state, reused from mail to mail (libcurl keeps the connection
// open). Blocking: for the mail sender's own thread only.
class SmtpClient {
 public:
  explicit SmtpClient(SmtpSettings settings);
  ~SmtpClient();
  SmtpClient(const SmtpClient&) = delete;
  SmtpClient& operator=(const SmtpClient&) = delete;

  // Nothing when the server accepted the message (250 after DATA); otherwise why not, in
  // libcurl's words (no address or content in it).
  std::optional<std::string> send(const std::string& to, const std::string& message);

 private:
  SmtpSettings settings_;
  void* curl_;  // CURL*
};

// Once per process, before any thread uses libcurl.
void smtp_global_init();

}  // namespace enlace::gateway
