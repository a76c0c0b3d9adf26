// Live events in SQLite: see live_event_repository.hpp.
//
// live_event.organizations holds the sender's id, then, once the receiver may see the event,
// a space and the receiver's id (a referral within one organisation names it twice): the
// direction is in the row, so that a stream's role filter is applied in the query. Rows written
// before the direction was kept named an organisation once when it was on both sides; they
// read as the sender's alone.
#include "storage/live_event_repository.hpp"

#include "storage/chain_lock.hpp"

namespace enlace::storage {

namespace {

// Rows of (id, at, sender, receiver, type, data).
std::vector<LiveEventRecord> read_events(Statement& st) {
  std::vector<LiveEventRecord> out;
  while (st.step()) {
    LiveEventRecord e;
    e.id = st.int64(0);
    e.at = core::from_millis(st.int64(1));
    e.sender = st.text(2);
    e.receiver = st.text(3);
    e.type = st.text(4);
    e.data = st.text(5);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::int64_t LiveEventRepository::insert(WriteTxn& tx, const std::string& sender,
                                         const std::string& receiver, const std::string& type,
                                         const std::string& data, core::Timestamp now) {
  if (heard_from_feed(tx)) {
    // The id is drawn under the lock: an id drawn before it could commit after a higher one
    // that a feed reader has already passed.
    hold_chain_lock(tx);
    // Sent at COMMIT only (dropped if the job's savepoint rolls back), once per transaction.
    tx.connection().exec("NOTIFY enlace_live_event");
  }
  auto st = tx.prepared(R"sql(
      INSERT INTO live_event (at, organizations, type, data)
      VALUES (?1, ?2 || CASE WHEN ?3 = '' THEN '' ELSE ' ' || ?3 END, ?4, ?5)
      RETURNING id)sql");
  st.bind(1, core::to_millis(now));
  st.bind(2, sender);
  st.bind(3, receiver);
  st.bind(4, type);
  st.bind(5, data);
  st.step();
  return st.int64(0);
}

std::vector<LiveEventRecord> LiveEventRepository::events_after(ReadTxn& tx,
                                                               const std::string& org,
                                                               core::EventScope scope,
                                                               std::int64_t last_id) {
  // sender: the text before the first space (all of it when there is none); receiver: the
  // text after it.
  auto st = tx.prepared(R"sql(
      SELECT id, at, sender, receiver, type, data FROM (
        SELECT id, at, type, data,
               substr(organizations || ' ', 1, instr(organizations || ' ', ' ') - 1) AS sender,
               substr(organizations, instr(organizations || ' ', ' ') + 1) AS receiver
          FROM live_event WHERE id > ?1) AS e  -- named: PostgreSQL 15 needs it
       WHERE (?3 AND receiver = ?2) OR (?4 AND sender = ?2)
       ORDER BY id LIMIT ?5)sql");
  st.bind(1, last_id);
  st.bind(2, org);
  st.bind(3, scope.received);
  st.bind(4, scope.sent);
  st.bind(5, kMaxReplayEvents);
  return read_events(st);
}

std::vector<LiveEventRecord> LiveEventRepository::all_after(ReadTxn& tx, std::int64_t last_id,
                                                            int limit) {
  auto st = tx.prepared(R"sql(
      SELECT id, at, substr(organizations || ' ', 1, instr(organizations || ' ', ' ') - 1),
             substr(organizations, instr(organizations || ' ', ' ') + 1), type, data
        FROM live_event WHERE id > ?1 ORDER BY id LIMIT ?2)sql");
  st.bind(1, last_id);
  st.bind(2, limit);
  return read_events(st);
}

std::int64_t LiveEventRepository::newest_id(ReadTxn& tx) {
  auto st = tx.prepared("SELECT coalesce(max(id), 0) FROM live_event");
  st.step();
  return st.int64(0);
}

bool LiveEventRepository::heard_from_feed(WriteTxn& tx) { return tx.connection().is_postgres(); }

}  // namespace enlace::storage
