// The jobs of the handlers on the referral, tracking, case and audit log use cases: the handler's
// lambda receives the ports (and the request's "now"), never a unit of work; these build the ports
// of the job's write unit (writer thread) or read unit (read pool).
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/case_store.hpp"
#include "core/ports/units_of_work.hpp"
#include "gateway/event_hub.hpp"
#include "gateway/port_jobs.hpp"
#include "gateway/referral_ports.hpp"
#include "gateway/request_audit.hpp"
#include "gateway/tracking_ports.hpp"

#include <optional>
#include <utility>

namespace enlace::gateway {

// The db_write job that calls `use_case(core::ReferralPorts, now)` (now: ctx.at), audited as
// `ctx` for the request whose `audit` this is; `tracking`: drawn before the write, for a
// referral the job may send (prepared_sending.hpp).
template <class UseCase>
auto referral_job(core::AuditContext ctx, RequestAudit& audit, EventHub& hub, UseCase use_case,
                  std::optional<DrawnTracking> tracking = std::nullopt) {
  return [ctx = std::move(ctx), use_case = std::move(use_case), tracking = std::move(tracking),
          &audit, &hub](core::WriteUnit& unit) {
    WriterReferralPorts ports(unit, ctx, audit, hub, tracking);
    return use_case(ports.ports(), ctx.at);
  };
}

// The db_write job that calls `use_case(core::TrackingPorts, now)`, audited as `ctx`.
template <class UseCase>
auto tracking_job(core::AuditContext ctx, RequestAudit& audit, EventHub& hub, UseCase use_case) {
  return [ctx = std::move(ctx), use_case = std::move(use_case), &audit,
          &hub](core::WriteUnit& unit) {
    WriterTrackingPorts ports(unit, ctx, audit, hub);
    return use_case(ports.ports(), ctx.at);
  };
}

// The db_read job that calls `use_case(core::ReferralReader&)` on the read snapshot.
template <class UseCase>
auto referral_read(UseCase use_case) {
  return read_on(&core::ReadUnit::referrals, std::move(use_case));
}

// The db_read job that calls `use_case(core::CaseReader&)` on the read snapshot.
template <class UseCase>
auto case_read(UseCase use_case) {
  return read_on(&core::ReadUnit::cases, std::move(use_case));
}

// The db_read job that calls `use_case(core::AuditLogReader&)` on the read snapshot.
template <class UseCase>
auto audit_log_read(UseCase use_case) {
  return read_on(&core::ReadUnit::audit_log, std::move(use_case));
}

}  // namespace enlace::gateway
