// Authenticating a request by its session (API.md, Authentication), in the order the gateway
// runs it: the session its token opens (look_up_session, read pool; the gateway may keep what
// it found for a few seconds, gateway/session_cache.hpp), whether that session may be used
// now (core::session_usable, on every request, cached or not), and the use written down
// (record_session_use, writer) when the last one written is older than kSessionTouchEvery.
// The review of open event streams reads their sessions with sessions_of_streams.
#pragma once

#include "core/ports/session_store.hpp"
#include "core/session.hpp"
#include "core/time.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// The session the token with this raw SHA-256 opens, usable or not; nullopt for no session.
std::optional<SessionActor> look_up_session(SessionReader& reader, const std::string& token_hash);

// Writes the use at `now` down and returns the session's new deadline (idle from `now`).
Timestamp record_session_use(SessionUses& uses, const SessionActor& s, Timestamp now,
                             std::chrono::minutes idle);

// For each id, in order, its session as read now; nullopt where the row is gone.
std::vector<std::optional<SessionActor>> sessions_of_streams(SessionReader& reader,
                                                             const std::vector<std::string>& ids);

}  // namespace enlace::core
