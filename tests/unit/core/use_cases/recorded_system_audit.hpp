// The system's audit trail for the use-case tests: records each event it is given, in order.
#pragma once

#include "core/ports/follow_up_store.hpp"

#include <string>
#include <vector>

namespace enlace::core::testing {

struct SystemEvent {
  std::string organization, action, entity_type, entity_id;
  bool operator==(const SystemEvent&) const = default;
};

class RecordedSystemAudit final : public SystemAuditTrail {
 public:
  std::vector<SystemEvent> events;
  void record(std::string organization, std::string action, std::string entity_type,
              std::string entity_id) override {
    events.push_back({organization, action, entity_type, entity_id});
  }
};

}  // namespace enlace::core::testing
