// The audit chain's head and count in the log, at start and then every hour of the server's
// clock (the injectable one), so that heads are recorded where someone who can write the
// database cannot reach them. An auditor keeps these lines (the journal, or wherever logs are
// shipped) and later runs `enlace audit verify --expect-head HASH` against one: a cut tail no
// longer contains it. The line holds a count and a hash, no personal data.
#pragma once

#include <boost/asio/io_context.hpp>

#include <memory>

namespace enlace::gateway {

class App;

// Logs `audit_head` {"events","head","keyed"} at start and at least every hour of app.clock;
// the steady timer only polls that clock (each second under the test clock, each minute
// otherwise). stop() cancels it (shutdown); safe from any thread.
class AuditAnchor {
 public:
  virtual ~AuditAnchor() = default;
  virtual void stop() = 0;
};

std::shared_ptr<AuditAnchor> start_audit_anchor(App& app, boost::asio::io_context& ioc);

}  // namespace enlace::gateway
