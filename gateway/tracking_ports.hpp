// The tracking use cases' ports as the gateway builds them inside a db_write job (writer
// thread, one transaction): the SQL store (storage/sql_tracking_store.hpp), the PIN check with
// the server's secret (person_view_secrets.hpp), the request's audit trail and the referral
// notices for the feedback's live event (referral_ports.hpp), published after COMMIT.
#pragma once

#include "core/audit_event.hpp"
#include "core/use_cases/track_referral.hpp"
#include "gateway/event_hub.hpp"
#include "gateway/person_view_secrets.hpp"
#include "gateway/referral_ports.hpp"
#include "gateway/request_audit_trail.hpp"
#include "storage/sql_tracking_store.hpp"
#include "storage/txn.hpp"

#include <utility>

namespace enlace::gateway {

class SecretPinVerifier final : public core::PinVerifier {
 public:
  bool pin_matches(const std::string& pin, const std::string& stored_hash) override {
    return gateway::pin_matches(pin, stored_hash);
  }
};

class WriterTrackingPorts {
 public:
  WriterTrackingPorts(storage::WriteTxn& tx, core::AuditContext origin, RequestAudit& audit,
                      EventHub& hub)
      : store_(tx), audit_(tx, std::move(origin), audit), notices_(tx, hub) {}
  core::TrackingPorts ports() { return {store_, pins_, audit_, notices_}; }

 private:
  storage::SqlTrackingStore store_;
  SecretPinVerifier pins_;
  RequestAuditTrail audit_;
  WriterReferralNotices notices_;
};

}  // namespace enlace::gateway
