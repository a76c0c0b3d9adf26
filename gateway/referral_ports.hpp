// The referral use cases' ports as the gateway builds them inside a db_write job (writer
// thread, one transaction): the unit's referral store, the request's audit trail
// (request_audit_trail.hpp) and the notices: tracking and respond links, live events with
// their mails, stored by the unit's referral notices with the gateway's secrets
// (person_view_secrets.hpp) and event hub (live_events.hpp), which the writer hands the events
// after COMMIT.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/referral_notices.hpp"
#include "core/ports/units_of_work.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "gateway/event_hub.hpp"
#include "gateway/live_events.hpp"
#include "gateway/person_view_secrets.hpp"
#include "gateway/request_audit_trail.hpp"

namespace enlace::gateway {

class WriterReferralNotices final : public core::ReferralNotices {
 public:
  // `tracking`: drawn before the write (draw_tracking), for a referral this job may send.
  WriterReferralNotices(core::WriteUnit& unit, EventHub& hub,
                        std::optional<DrawnTracking> tracking = std::nullopt)
      : unit_(unit), secrets_(std::move(tracking)), events_(unit, hub) {}
  core::IssuedTracking referral_sent(const std::string& referral_id,
                                     core::Timestamp now) override;
  std::optional<std::string> new_respond_link(const std::string& referral_id,
                                              core::Timestamp now) override;
  void referral_changed(const core::ReferralEvent& event, core::Timestamp now,
                        const std::string& actor_user) override;

 private:
  core::ReferralNotices& notices();

  core::WriteUnit& unit_;
  // A job runs once per attempt; the drawn tracking serves one referral (ServerSecrets).
  ServerSecrets secrets_;
  WriterEventHub events_;
  core::ReferralNotices* notices_ = nullptr;  // the unit's, made on first use
};

// All three of `unit`, the events audited as `origin` for the request whose `audit` this is
// (the request's refusal is then not written a second time). Build it inside the job, hand
// ports() to the use case.
class WriterReferralPorts {
 public:
  WriterReferralPorts(core::WriteUnit& unit, const core::AuditContext& origin,
                      RequestAudit& audit, EventHub& hub,
                      std::optional<DrawnTracking> tracking = std::nullopt)
      : unit_(unit), audit_(unit, origin, audit), notices_(unit, hub, std::move(tracking)) {}
  core::ReferralPorts ports() { return {unit_.referrals(), audit_, notices_}; }

 private:
  core::WriteUnit& unit_;
  RequestAuditTrail audit_;
  WriterReferralNotices notices_;
};

}  // namespace enlace::gateway
