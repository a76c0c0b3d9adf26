// Who may do what with cases and referrals, by role and organisation. Storage still scopes
// every query by organisation; these answer the role question before any query runs.
#pragma once

#include <optional>
#include <string_view>

#include "core/referral_lifecycle.hpp"
#include "core/role.hpp"

namespace enlace::core {

// | action                                  | who                                            |
// |-----------------------------------------|------------------------------------------------|
// | register, read, edit, close a case;     | caseworker of the case's organisation, or of   |
// | record or withdraw consent; disclosures;| its direct parent when the case's organisation |
// | transfer the case                       | shares_cases_with_parent (storage/case_scope)  |
// | send a referral; act as its sender      | caseworker of the sending organisation         |
// | act on an inbox referral (receiver)     | partner, caseworker or org_admin of the        |
// |                                         | receiving organisation                         |
// | read a referral and its messages        | its sender or receiver roles above, and the    |
// |                                         | org_admin of the sending organisation          |
// | review vital-interest referrals         | org_admin of the sending organisation          |
// | live events (GET /events) of referrals  | partner or org_admin of the receiving          |
// | received; of referrals sent             | organisation; caseworker or org_admin of the   |
// |                                         | sending organisation                           |
// | gap report                              | coordinator (all), org_admin (own organisation)|
// | audit log                               | auditor                                        |
// system_admin, coordinator and auditor never see a case or a referral's personal data.

// The actor belongs to `organization_id` (which must be non-empty) and holds `role`.
bool acts_for(const Actor& a, Role role, std::string_view organization_id);

bool can_create_case(const Actor& a);
bool can_manage_case(const Actor& a, std::string_view case_organization_id);

bool can_send_referral(const Actor& a, std::string_view case_organization_id);
bool can_act_as_sender(const Actor& a, std::string_view from_organization_id);
bool can_act_as_receiver(const Actor& a, std::string_view to_organization_id);
bool can_view_referral(const Actor& a, std::string_view from_organization_id,
                       std::string_view to_organization_id);

// The side the actor acts on for this move, or nullopt when they may act on neither.
// Someone on both sides (a referral within one organisation) gets the side that has a row
// for (from, to); when neither does, check_transition will refuse it anyway.
std::optional<Side> acting_side(const Actor& a, std::string_view from_organization_id,
                                std::string_view to_organization_id, Status from, Status to);

// Which of its organisation's live events (GET /events) an actor hears: a partner those of
// referrals the organisation received (its inbox), a caseworker those it sent (its outbox), an
// org_admin both (an event carries ids and states only, no case data; org_admins list both
// boxes and are told when a referral their organisation received goes overdue).
struct EventScope {
  bool received = false;
  bool sent = false;
  bool any() const { return received || sent; }
  bool operator==(const EventScope&) const = default;
};
EventScope live_event_scope(const Actor& a);

bool can_review_vital_interest(const Actor& a, std::string_view organization_id);

// `organization_id` empty means the whole network (coordinators only).
bool can_view_gap_report(const Actor& a, std::string_view organization_id);
bool can_read_audit(const Actor& a);

}  // namespace enlace::core
