// One request's audit: what its operation audits, and the one rule that decides which event a
// refused reply leaves. A request's refusal is audited once, by one of two writers that never
// both write: the operation's own transaction (a use case records through RequestAuditTrail,
// request_audit_trail.hpp, and the event commits with the refusal, core/use_cases/refusal.hpp),
// or, when that transaction recorded nothing, write_refusal_event() after the handler, through
// the writer (403 and 404 only). Probing other organisations' files must be visible to the
// auditor, so a signed-in caller's 403 on a personal-data route, or 404 on one whose URL names
// an entity, leaves an event even when the handler stated nothing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace enlace::gateway {

// What an operation audits: its action and entity. The outcome comes from how it ends.
struct AuditedOperation {
  std::string action;       // "case.read", "referral.transition", ...
  std::string entity_type;  // "case", "referral", ...
  std::string entity_id;    // empty for a collection
};

// The event a refused reply leaves.
struct AuditedRefusal {
  AuditedOperation operation;
  std::string outcome;  // "denied" (403) or "not_found" (404)
};

// The parts of a request and its reply the rule reads.
struct RefusedReply {
  int status = 0;
  std::string_view method;
  std::string_view route;  // the matched template
  const std::map<std::string, std::string>* params = nullptr;
  bool signed_in = false;
};

// Owned by the Request; touched by its coroutine, and by the writer thread only while the
// coroutine waits for the job that records through RequestAuditTrail (the job's completion,
// posted to the coroutine, orders it).
class RequestAudit {
 public:
  // The operation states what it audits when it refuses on an entity other than the route's
  // default (a case_id in a body, a list, a different action name).
  void states(AuditedOperation operation) { stated_ = std::move(operation); }
  // The operation's reply is one already audited (a replayed Idempotency-Key reply: the first
  // request's event stands), so a refusal in it leaves no second event.
  void states_nothing() { silent_ = true; }

  // The event write_refusal_event() must write for `reply`, or nullopt.
  std::optional<AuditedRefusal> refusal(const RefusedReply& reply) const;

 private:
  friend class RequestAuditTrail;  // request_audit_trail.hpp: records in the operation's write
  std::optional<AuditedOperation> stated_;
  bool silent_ = false;
  bool recorded_ = false;  // the operation's committed write holds this request's event
};

// The entity type a route template holds personal data of ("case" for /api/v1/cases...), or
// nullopt for routes that hold none. One table, in request_audit.cpp.
std::optional<std::string> personal_data_entity(std::string_view route_pattern);

}  // namespace enlace::gateway
