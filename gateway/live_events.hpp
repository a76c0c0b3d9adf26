// Live events of referrals: recorded in live_event inside the write that causes them, then
// published to the streams after COMMIT (a stream never sees an event that was rolled back).
#pragma once

#include "core/time.hpp"
#include "gateway/event_hub.hpp"
#include "storage/txn.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string>
#include <vector>

namespace enlace::gateway {

class App;

// Writer thread, inside the caller's write.
LiveEvent record_live_event(storage::WriteTxn& tx, std::vector<std::string> organizations,
                            std::string type, std::string data, core::Timestamp now);

// Marks referrals that became overdue as notified and records one "referral.overdue" event for
// each, addressed to its sending and receiving organisations.
std::vector<LiveEvent> take_overdue_events(storage::WriteTxn& tx, core::Timestamp now);
// The same, and sets `open_overdue` to the count of referrals overdue now (the metrics gauge;
// the periodic scanner's job, as counting reads the whole deadline index).
std::vector<LiveEvent> scan_overdue(storage::WriteTxn& tx, core::Timestamp now,
                                    std::int64_t& open_overdue);

// Any thread, after the write returned.
void publish_all(App& app, std::vector<LiveEvent> events);

// The periodic overdue scan on the io_context (every `interval_seconds`), so notices go out
// without anyone listing. stop() cancels it (shutdown); safe from any thread.
class OverdueScanner {
 public:
  virtual ~OverdueScanner() = default;
  virtual void stop() = 0;
};
std::shared_ptr<OverdueScanner> start_overdue_scanner(App& app, boost::asio::io_context& ioc,
                                                      int interval_seconds = 30);

}  // namespace enlace::gateway
