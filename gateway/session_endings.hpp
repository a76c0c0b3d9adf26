// Ending sessions from a handler's write: the session rows, and once the write committed, the
// live event streams those sessions hold open (so that a stream ends at once, not at its next
// review). Writer thread, inside the caller's write.
#pragma once

#include "core/time.hpp"
#include "gateway/event_hub.hpp"
#include "storage/txn.hpp"

#include <string>

namespace enlace::gateway {

// One of the user's own sessions (sign-out, DELETE /me/sessions/{id}); false when it is not
// theirs or already ended.
bool sign_out_session(storage::WriteTxn& tx, EventHub& hub, const std::string& user_id,
                      const std::string& session_id, core::Timestamp now);

// Every session of the user but `except_session_id` (empty: all of them): a password change,
// a deactivation, an administrator's reset. Returns how many ended.
int sign_out_user(storage::WriteTxn& tx, EventHub& hub, const std::string& user_id,
                  const std::string& except_session_id, core::Timestamp now);

}  // namespace enlace::gateway
