// What authentication reads and writes of sessions (core/use_cases/authenticate_session.hpp):
// the session a token opens and the sessions that hold event streams (a read snapshot, off
// the writer), and a use written down (one write transaction). The SQL adapters (SQLite and
// PostgreSQL alike) are storage/sql_session_store.hpp; ending sessions is SessionEndings
// (account_store.hpp), whose adapter tells the open streams through SessionStreams.
#pragma once

#include "core/session.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

class SessionReader {
 public:
  virtual ~SessionReader() = default;
  // The session whose token has this raw SHA-256, ended or not, with its user.
  virtual std::optional<SessionActor> session_by_token(const std::string& token_hash) = 0;
  // The sessions of these ids that exist, in the order of `ids`.
  virtual std::vector<SessionActor> sessions_by_ids(const std::vector<std::string>& ids) = 0;
};

// Bound to one write transaction.
class SessionUses {
 public:
  virtual ~SessionUses() = default;
  // The session was used at `now`: its idle clock starts again.
  virtual void touch(const std::string& session_id, Timestamp now) = 0;
};

// The live event streams sessions hold open, told once a write that ended sessions has
// committed (in commit order). The gateway's (its event hub, on every process).
class SessionStreams {
 public:
  virtual ~SessionStreams() = default;
  virtual void end_session(const std::string& session_id) = 0;
  // Every stream of the user but those of `except_session_id` (empty: all).
  virtual void end_user_sessions(const std::string& user_id,
                                 const std::string& except_session_id) = 0;
};

}  // namespace enlace::core
