// The session ports over SQL (core/ports/session_store.hpp, and SessionEndings of
// core/ports/account_store.hpp): the reader over one read snapshot, the uses and the endings
// over one write transaction. Thin: each call is a SessionRepository function
// (user_repository.hpp). Serves SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/account_store.hpp"
#include "core/ports/session_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlSessionReader final : public core::SessionReader {
 public:
  explicit SqlSessionReader(ReadTxn& tx) : tx_(tx) {}
  std::optional<core::SessionActor> session_by_token(const std::string& token_hash) override;
  std::vector<core::SessionActor> sessions_by_ids(const std::vector<std::string>& ids) override;

 private:
  ReadTxn& tx_;
};

class SqlSessionUses final : public core::SessionUses {
 public:
  explicit SqlSessionUses(WriteTxn& tx) : tx_(tx) {}
  void touch(const std::string& session_id, core::Timestamp now) override;

 private:
  WriteTxn& tx_;
};

// Ends the session rows in the transaction and, once it has committed (the writer's
// after_commit, in commit order), tells `streams`, which must outlive the writer's batch: an
// event committed after this ending reaches a stream's executor after its close and is never
// written. A transaction without after_commit (one committed by its own caller) cannot tell
// streams: without `streams` it ends the rows only, for a command's own transaction
// (one_off_txn.hpp) in a process that serves no event streams (a serving process ends its
// streams at their review).
class SqlSessionEndings final : public core::SessionEndings {
 public:
  SqlSessionEndings(WriteTxn& tx, core::SessionStreams& streams) : tx_(tx), streams_(&streams) {}
  explicit SqlSessionEndings(WriteTxn& tx) : tx_(tx) {}
  bool end_session(const std::string& user_id, const std::string& session_id,
                   core::Timestamp now) override;
  int end_sessions_of(const std::string& user_id, const std::string& except_session_id,
                      core::Timestamp now) override;

 private:
  WriteTxn& tx_;
  core::SessionStreams* streams_ = nullptr;
};

}  // namespace enlace::storage
