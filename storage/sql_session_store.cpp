// The session ports over SQL: see sql_session_store.hpp.
#include "storage/sql_session_store.hpp"

#include "storage/user_repository.hpp"

namespace enlace::storage {

std::optional<core::SessionActor> SqlSessionReader::session_by_token(
    const std::string& token_hash) {
  return SessionRepository::find_by_token(tx_, token_hash);
}

std::vector<core::SessionActor> SqlSessionReader::sessions_by_ids(
    const std::vector<std::string>& ids) {
  return SessionRepository::find_by_ids(tx_, ids);
}

void SqlSessionUses::touch(const std::string& session_id, core::Timestamp now) {
  SessionRepository::touch(tx_, session_id, now);
}

bool SqlSessionEndings::end_session(const std::string& user_id, const std::string& session_id,
                                    core::Timestamp now) {
  if (!SessionRepository::end(tx_, user_id, session_id, now)) return false;
  if (streams_)
    tx_.after_commit([streams = streams_, session_id] { streams->end_session(session_id); });
  return true;
}

int SqlSessionEndings::end_sessions_of(const std::string& user_id,
                                       const std::string& except_session_id, core::Timestamp now) {
  int ended = SessionRepository::end_all_for_user(tx_, user_id, except_session_id, now);
  if (streams_)
    tx_.after_commit([streams = streams_, user_id, except_session_id] {
      streams->end_user_sessions(user_id, except_session_id);
    });
  return ended;
}

}  // namespace enlace::storage
