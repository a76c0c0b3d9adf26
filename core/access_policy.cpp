// The role table of access_policy.hpp as functions.
#include "core/access_policy.hpp"

namespace enlace::core {

bool acts_for(const Actor& a, Role role, std::string_view organization_id) {
  // An empty id never matches: system_admin and auditor have none and must not slip through.
  return !organization_id.empty() && a.organization_id == organization_id && a.has(role);
}

bool can_create_case(const Actor& a) {
  return acts_for(a, Role::caseworker, a.organization_id);
}

bool can_manage_case(const Actor& a, std::string_view case_organization_id) {
  return acts_for(a, Role::caseworker, case_organization_id);
}

bool can_send_referral(const Actor& a, std::string_view case_organization_id) {
  return acts_for(a, Role::caseworker, case_organization_id);
}

bool can_act_as_sender(const Actor& a, std::string_view from_organization_id) {
  return acts_for(a, Role::caseworker, from_organization_id);
}

bool can_act_as_receiver(const Actor& a, std::string_view to_organization_id) {
  return acts_for(a, Role::partner, to_organization_id) ||
         acts_for(a, Role::caseworker, to_organization_id) ||
         acts_for(a, Role::org_admin, to_organization_id);
}

bool can_view_referral(const Actor& a, std::string_view from_organization_id,
                       std::string_view to_organization_id) {
  // The sending org_admin must see the referrals it reviews and is told about when overdue.
  return can_act_as_sender(a, from_organization_id) ||
         acts_for(a, Role::org_admin, from_organization_id) ||
         can_act_as_receiver(a, to_organization_id);
}

std::optional<Side> acting_side(const Actor& a, std::string_view from_organization_id,
                                std::string_view to_organization_id, Status from, Status to) {
  const bool sender = can_act_as_sender(a, from_organization_id);
  const bool receiver = can_act_as_receiver(a, to_organization_id);
  if (sender && receiver)
    return find_transition(from, to, Side::sender) ? Side::sender : Side::receiver;
  if (sender) return Side::sender;
  if (receiver) return Side::receiver;
  return std::nullopt;
}

EventScope live_event_scope(const Actor& a) {
  const bool admin = acts_for(a, Role::org_admin, a.organization_id);
  return {.received = admin || acts_for(a, Role::partner, a.organization_id),
          .sent = admin || acts_for(a, Role::caseworker, a.organization_id)};
}

bool can_review_vital_interest(const Actor& a, std::string_view organization_id) {
  return acts_for(a, Role::org_admin, organization_id);
}

bool can_view_gap_report(const Actor& a, std::string_view organization_id) {
  if (a.has(Role::coordinator)) return true;
  return acts_for(a, Role::org_admin, organization_id);
}

bool can_read_audit(const Actor& a) { return a.has(Role::auditor); }

}  // namespace enlace::core
