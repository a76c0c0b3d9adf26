// What the scheduled follow-up work (core/use_cases/referral_follow_up.hpp) reads and writes:
// the referrals whose overdue notice or expiry is due, taken in chunks in one write
// transaction each, and its audit events, which the system records on behalf of the
// organisation each referral concerns. The SQL adapters (SQLite and PostgreSQL alike) are
// storage/sql_follow_up_store.hpp.
#pragma once

#include "core/referral_status.hpp"
#include "core/time.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace enlace::core {

// A referral the pass just changed (ids and state only).
struct DueReferral {
  std::string id, from_org, to_org;
  Status status = Status::requested;
  std::int64_t version = 1;
};

class FollowUpStore {
 public:
  virtual ~FollowUpStore() = default;
  // Marks up to `limit` referrals whose overdue notice is due (the first once a deadline
  // passed, then one every `remind_every`) as notified now, and returns them.
  virtual std::vector<DueReferral> take_overdue(Timestamp now, std::chrono::minutes remind_every,
                                                int limit) = 0;
  // Closes up to `limit` referrals still requested or received whose respond_by is before
  // `deadline_before` as rejected with reason no_response (history by the system), and
  // returns them as they are now.
  virtual std::vector<DueReferral> expire_unanswered(Timestamp now, Timestamp deadline_before,
                                                     int limit) = 0;
};

// Events by the system (core::kSystemActor, role "system"), each in the name of `organization`.
class SystemAuditTrail {
 public:
  virtual ~SystemAuditTrail() = default;
  virtual void record(std::string organization, std::string action, std::string entity_type,
                      std::string entity_id) = 0;
};

}  // namespace enlace::core
