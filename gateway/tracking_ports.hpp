// The tracking use cases' ports as the gateway builds them inside a db_write job (writer
// thread, one transaction): the unit's tracking store, the PIN check with
// the server's secret (person_view_secrets.hpp), the request's audit trail and the referral
// notices for the feedback's live event (referral_ports.hpp), published after COMMIT.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/units_of_work.hpp"
#include "core/use_cases/track_referral.hpp"
#include "gateway/event_hub.hpp"
#include "gateway/person_view_secrets.hpp"
#include "gateway/referral_ports.hpp"
#include "gateway/request_audit_trail.hpp"


namespace enlace::gateway {

class SecretPinVerifier final : public core::PinVerifier {
 public:
  bool pin_matches(const std::string& pin, const std::string& stored_hash) override {
    return gateway::pin_matches(pin, stored_hash);
  }
};

class WriterTrackingPorts {
 public:
  WriterTrackingPorts(core::WriteUnit& unit, const core::AuditContext& origin,
                      RequestAudit& audit, EventHub& hub)
      : unit_(unit), audit_(unit, origin, audit), notices_(unit, hub) {}
  core::TrackingPorts ports() { return {unit_.tracking(), pins_, audit_, notices_}; }

 private:
  core::WriteUnit& unit_;
  SecretPinVerifier pins_;
  RequestAuditTrail audit_;
  WriterReferralNotices notices_;
};

}  // namespace enlace::gateway
