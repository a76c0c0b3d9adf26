// Authenticating by session: see authenticate_session.hpp.
#include "core/use_cases/authenticate_session.hpp"

namespace enlace::core {

std::optional<SessionActor> look_up_session(SessionReader& reader, const std::string& token_hash) {
  return reader.session_by_token(token_hash);
}

Timestamp record_session_use(SessionUses& uses, const SessionActor& s, Timestamp now,
                             std::chrono::minutes idle) {
  uses.touch(s.session.id, now);
  return session_ends_at(s.session, now, idle);
}

std::vector<std::optional<SessionActor>> sessions_of_streams(SessionReader& reader,
                                                             const std::vector<std::string>& ids) {
  std::vector<std::optional<SessionActor>> out;
  out.reserve(ids.size());
  if (ids.empty()) return out;
  auto found = reader.sessions_by_ids(ids);
  // The reader answers in the order of `ids`, leaving out the sessions that are gone.
  std::size_t next = 0;
  for (const auto& id : ids) {
    if (next < found.size() && found[next].session.id == id)
      out.emplace_back(std::move(found[next++]));
    else
      out.emplace_back(std::nullopt);
  }
  return out;
}

}  // namespace enlace::core
