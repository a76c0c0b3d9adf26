// Live events of referrals: recorded in live_event inside the write that causes them (with
// their mails: storage/sql_referral_notices.hpp), then published to the streams by the writer
// right after COMMIT, in commit order (a stream never sees an event that was rolled back, and
// sees events in the order of their ids, which Last-Event-ID relies on). And the scheduled
// follow-up that records the overdue notices and expiries.
#pragma once

#include "core/follow_up.hpp"
#include "core/ports/notice_secrets.hpp"
#include "core/ports/units_of_work.hpp"
#include "core/time.hpp"
#include "gateway/event_hub.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string>
#include <vector>

namespace enlace::gateway {

class App;
struct ServeConfig;

// The follow-up settings of the configuration as core's rules.
core::FollowUpRules follow_up_rules(const ServeConfig& config);

// The event hub as the referral notices (core::WriteUnit::referral_notices) hand it a live event:
// writer thread, inside the event's write; `hub` gets the event once the batch committed (the
// unit's after_commit), in the writer's commit order (not by the caller after its reply resumes:
// callers on different threads would hand the hub events out of id order). A stream of the sender
// hears it in its outbox scope, one of the receiver in its inbox scope.
class WriterEventHub final : public core::LiveEventHub {
 public:
  WriterEventHub(core::WriteUnit& unit, EventHub& hub) : unit_(unit), hub_(hub) {}
  void publish_on_commit(core::LiveEventRecord event) override;

 private:
  core::WriteUnit& unit_;
  EventHub& hub_;
};

// The overdue scan on the io_context, every `interval_seconds` and when nudged, so notices go
// out without anyone listing. It first closes the referrals left unanswered past
// expire_unanswered_after_hours (when set), then sends the overdue notices that are due: the
// first once a deadline (respond_by, outcome_by) passed, then one every
// overdue_reminder_hours while the referral stays overdue. It takes the notices in writer jobs of kOverdueNoticesPerJob
// until none is due, so that other writes run between them however many fell due at once
// (after an outage, or a large import), then refreshes the gauge from a read snapshot.
// nudge() asks for a scan now without waiting for it (a listing that shows an overdue
// referral whose notice has not gone out); nudges during a scan make one more scan. stop()
// cancels it (shutdown). Both are safe from any thread.
class OverdueScanner {
 public:
  virtual ~OverdueScanner() = default;
  virtual void nudge() = 0;
  virtual void stop() = 0;
};
// Below the event hub's queue limit, so that one job's notices alone never overflow a stream
// that keeps up.
inline constexpr int kOverdueNoticesPerJob = 200;
static_assert(kOverdueNoticesPerJob < static_cast<int>(EventHub::kQueueLimit));
std::shared_ptr<OverdueScanner> start_overdue_scanner(App& app, boost::asio::io_context& ioc,
                                                      int interval_seconds = 30);

}  // namespace enlace::gateway
