// The referral use cases' ports as the gateway builds them inside a db_write job (writer
// thread, one transaction): the SQLite store and the request's audit trail
// (storage/sql_referral_store.hpp, request_audit_trail.hpp) and the notices: tracking and
// respond links, live events with their mails, stored by storage/sql_referral_notices.hpp
// with the gateway's secrets (person_view_secrets.hpp) and event hub (live_events.hpp), which
// the writer hands the events after COMMIT.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/referral_notices.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "gateway/event_hub.hpp"
#include "gateway/person_view_secrets.hpp"
#include "gateway/request_audit_trail.hpp"
#include "storage/sql_referral_store.hpp"
#include "storage/txn.hpp"

namespace enlace::gateway {

class WriterReferralNotices final : public core::ReferralNotices {
 public:
  // `tracking`: drawn before the write (draw_tracking), for a referral this job may send.
  WriterReferralNotices(storage::WriteTxn& tx, EventHub& hub,
                        std::optional<DrawnTracking> tracking = std::nullopt)
      : tx_(tx), hub_(hub), tracking_(std::move(tracking)) {}
  core::IssuedTracking referral_sent(const std::string& referral_id,
                                     core::Timestamp now) override;
  std::optional<std::string> new_respond_link(const std::string& referral_id,
                                              core::Timestamp now) override;
  void referral_changed(const core::ReferralEvent& event, core::Timestamp now,
                        const std::string& actor_user) override;

 private:
  storage::WriteTxn& tx_;
  EventHub& hub_;
  std::optional<DrawnTracking> tracking_;
};

// All three over `tx`, the events audited as `origin` for the request whose `audit` this is
// (the request's refusal is then not written a second time). Build it inside the job, hand
// ports() to the use case.
class WriterReferralPorts {
 public:
  WriterReferralPorts(storage::WriteTxn& tx, core::AuditContext origin, RequestAudit& audit,
                      EventHub& hub, std::optional<DrawnTracking> tracking = std::nullopt)
      : store_(tx), audit_(tx, std::move(origin), audit), notices_(tx, hub, std::move(tracking)) {}
  core::ReferralPorts ports() { return {store_, audit_, notices_}; }

 private:
  storage::SqlReferralStore store_;
  RequestAuditTrail audit_;
  WriterReferralNotices notices_;
};

}  // namespace enlace::gateway
