// An audit event as PRODUCT.md defines it: who, what, when, from where, outcome. Ids only,
// never personal data, so that purging a case leaves the chain verifiable.
#pragma once

#include "core/time.hpp"

#include <cstdint>
#include <string>

namespace enlace::core {

struct AuditEvent {
  Timestamp at{};
  std::string actor_user;    // user id, empty for anonymous (failed sign-in of unknown user)
  std::string organization;  // organisation id of the actor
  std::string role;          // the actor's roles, space-separated
  std::string action;        // e.g. "case.read", "referral.transition", "auth.login"
  std::string entity_type;   // e.g. "case", "referral", "user"
  std::string entity_id;
  std::string outcome;       // "ok", "denied", "not_found", "invalid", "failed"
  std::string address;       // client address
  std::string request_id;
};

// Where an event comes from: the parts every event of one request shares.
struct AuditContext {
  std::string actor_user, organization, role, address, request_id;
  Timestamp at{};

  AuditEvent event(std::string action, std::string entity_type, std::string entity_id,
                   std::string outcome = "ok") const {
    return {at,     actor_user, organization, role, std::move(action), std::move(entity_type),
            std::move(entity_id), std::move(outcome), address, request_id};
  }
};

}  // namespace enlace::core
