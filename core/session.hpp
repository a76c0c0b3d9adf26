// A signed-in session as each request's authentication sees it, and the rules of its life:
// when it ends unless used again (absolute expiry, or idle for the deployment's idle minutes),
// whether it may be used now, and how often a use is written down. Pure: the gateway reads
// the session (core/ports/session_store.hpp) and applies these on every request.
#pragma once

#include "core/account.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

#include <chrono>

namespace enlace::core {

// The signed-in caller as authentication needs it.
struct SessionActor {
  Actor actor;
  SessionRecord session;
  bool user_active = true;
  bool totp_enabled = false;
  bool must_change_password = false;
};

// A session's last_used_at is written at most this often: reads must not become writes.
inline constexpr std::chrono::seconds kSessionTouchEvery{60};

// When a session ends unless used again: at its absolute expiry, or once idle for `idle`
// after `last_used`.
Timestamp session_ends_at(const SessionRecord& s, Timestamp last_used, std::chrono::minutes idle);

// Whether a session may be used at `now`: not ended, its user active, before it ends.
bool session_usable(const SessionActor& s, Timestamp now, std::chrono::minutes idle);

// Whether this use must be written down (the last one written is kSessionTouchEvery old).
bool session_use_due(const SessionRecord& s, Timestamp now);

// Whether two-factor is enforced for these roles where the deployment requires it
// (`required`: its setting, off in a demo database).
bool totp_enforced(const Actor& actor, bool required);

}  // namespace enlace::core
