// Test support: the webhook receiver of tests/contract/webhook_receiver (Node), started and
// stopped by the test. It verifies every delivery's signature with the Standard Webhooks
// scheme's own library and records what it got; the test sets each endpoint's secret and the
// status it answers (500 for a while, then 200).
#pragma once

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace enlace::test {

struct ReceivedWebhook {
  std::string name;  // the endpoint: /hook/NAME
  std::string id, timestamp, signature, content_type, body, error;
  bool verified = false;
  int answered = 0;
};

class WebhookReceiver {
 public:
  WebhookReceiver();   // runs `npm ci` in its folder first when its packages are missing
  ~WebhookReceiver();  // SIGTERM, then wait
  WebhookReceiver(const WebhookReceiver&) = delete;

  int port() const { return port_; }
  // The URL of endpoint `name`.
  std::string url(const std::string& name) const;
  void set_secret(const std::string& name, const std::string& secret);
  void set_status(const std::string& name, int status);
  std::vector<ReceivedWebhook> received();
  std::vector<ReceivedWebhook> received(const std::string& name);
  // Waits up to `timeout_ms` until endpoint `name` got at least `count` deliveries.
  std::vector<ReceivedWebhook> wait_for(const std::string& name, std::size_t count,
                                        int timeout_ms = 15000);

 private:
  int pid_ = -1;
  int port_ = 0;
};

}  // namespace enlace::test
