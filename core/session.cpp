// Session rules: see session.hpp.
#include "core/session.hpp"

#include "core/role.hpp"

#include <algorithm>

namespace enlace::core {

Timestamp session_ends_at(const SessionRecord& s, Timestamp last_used, std::chrono::minutes idle) {
  return std::min(s.expires_at, last_used + idle);
}

bool session_usable(const SessionActor& s, Timestamp now, std::chrono::minutes idle) {
  return !s.session.ended_at && s.user_active &&
         now < session_ends_at(s.session, s.session.last_used_at, idle);
}

bool session_use_due(const SessionRecord& s, Timestamp now) {
  return now - s.last_used_at >= kSessionTouchEvery;
}

bool totp_enforced(const Actor& actor, bool required) {
  if (!required) return false;
  for (auto r : actor.roles)
    if (role_requires_totp(r)) return true;
  return false;
}

}  // namespace enlace::core
