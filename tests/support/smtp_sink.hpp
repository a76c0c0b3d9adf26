// Test support: a real SMTP server on loopback (Debian's python3-aiosmtpd, through
// tests/support/smtp_sink.py) that keeps every accepted message for the test to read. It can be
// stopped and started again on the same port, to play a mail server that is down for a while.
#pragma once

#include <boost/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace enlace::test {

struct SmtpMessage {
  std::vector<std::string> to;  // envelope recipients
  std::string subject;          // decoded
  std::string content_type;     // of the whole message, e.g. multipart/alternative
  std::string text, html;       // the decoded parts
  std::string raw;              // as received
  boost::json::object headers;
};

class SmtpSink {
 public:
  SmtpSink();   // starts on a free loopback port
  ~SmtpSink();  // stops it and removes what it kept
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  void stop();   // connections are refused until start()
  void start();  // the same port and the messages kept so far

  // Every message accepted so far, in the order they arrived.
  std::vector<SmtpMessage> messages() const;
  // Waits until at least `n` messages arrived or `timeout` passed; returns them all.
  std::vector<SmtpMessage> wait_for(std::size_t n,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;
  // The messages to one address.
  std::vector<SmtpMessage> to(const std::string& address) const;
  // Waits until at least `n` messages to `address` arrived or `timeout` passed; returns them.
  std::vector<SmtpMessage> wait_for(const std::string& address, std::size_t n,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;

 private:
  int port_ = 0;
  int pid_ = -1;
  std::string dir_;
};

}  // namespace enlace::test
