// Ending sessions and their streams: see session_endings.hpp.
#include "gateway/session_endings.hpp"

#include "storage/user_repository.hpp"

namespace enlace::gateway {

bool sign_out_session(storage::WriteTxn& tx, EventHub& hub, const std::string& user_id,
                      const std::string& session_id, core::Timestamp now) {
  if (!storage::SessionRepository::end(tx, user_id, session_id, now)) return false;
  // After COMMIT, in commit order: an event committed after this ending reaches the stream's
  // executor after the close and is never written.
  tx.after_commit([&hub, session_id] { hub.end_session(session_id); });
  return true;
}

int sign_out_user(storage::WriteTxn& tx, EventHub& hub, const std::string& user_id,
                  const std::string& except_session_id, core::Timestamp now) {
  int ended = storage::SessionRepository::end_all_for_user(tx, user_id, except_session_id, now);
  tx.after_commit([&hub, user_id, except_session_id] {
    hub.end_user_sessions(user_id, except_session_id);
  });
  return ended;
}

}  // namespace enlace::gateway
