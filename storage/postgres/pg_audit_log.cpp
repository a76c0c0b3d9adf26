// The audit chain on PostgreSQL: see pg_audit_log.hpp.
#include "storage/postgres/pg_audit_log.hpp"

#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_row_cursor.hpp"

namespace enlace::storage {

namespace {

// The switch-over record of kAuditChainSetting, as read_chain_keying reads it on SQLite: nothing
// for an unkeyed chain, keyed_from 0 for a malformed record (no event has it, so verification
// fails on it). parse_keying reads a record known to exist.
std::optional<ChainKeying> parse_keying(PgConnection& c) {
  c.exec_script("SAVEPOINT keying");
  try {
    auto r = c.prepared(R"sql(
        SELECT jsonb_typeof(v -> 'keyed_from') = 'number' AND (v ->> 'keyed_from') ~ '^-?[0-9]+$'
               AND jsonb_typeof(v -> 'key_id') = 'string',
               v ->> 'keyed_from', v ->> 'key_id'
          FROM (SELECT value::jsonb AS v FROM setting WHERE key = $1) s)sql",
                        {kAuditChainSetting});
    c.exec_script("RELEASE SAVEPOINT keying");
    if (r.text(0, 0) != "t") return ChainKeying{};
    return ChainKeying{r.int64(0, 1), r.text(0, 2)};
  } catch (const PgError& e) {
    if (e.connection_lost) throw;
    c.exec_script("ROLLBACK TO SAVEPOINT keying");  // not JSON at all
    return ChainKeying{};
  }
}

std::optional<ChainKeying> read_keying(PgConnection& c) {
  auto row = c.prepared("SELECT 1 FROM setting WHERE key = $1", {kAuditChainSetting});
  if (row.rows() == 0) return std::nullopt;
  return parse_keying(c);
}

}  // namespace

std::int64_t append_audit(PgConnection& c, const core::AuditEvent& e, const AuditChainKey* key) {
  c.prepared("SELECT pg_advisory_xact_lock($1)", {kAuditChainLock});
  // Read after the lock, in a new statement: under READ COMMITTED it sees the event the previous
  // holder committed. The head and whether the chain is keyed come in one statement (each is a
  // round trip, and every audited request appends an event): one row, NULLs for an empty chain.
  auto head = c.prepared(R"sql(
      SELECT h.seq, h.hash, k.key IS NOT NULL
        FROM (SELECT 1) one
        LEFT JOIN (SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1) h ON true
        LEFT JOIN setting k ON k.key = $1)sql",
                         {kAuditChainSetting});
  std::int64_t seq = 1;
  std::string prev = kGenesisHash;
  if (!head.is_null(0, 0)) {
    seq = head.int64(0, 0) + 1;
    prev = head.text(0, 1);
  }
  auto keying = head.text(0, 2) == "t" ? parse_keying(c) : std::nullopt;
  check_key_for_append(keying, key);
  const std::int64_t at = core::to_millis(e.at);
  if (key && !keying)
    c.prepared(R"sql(
        INSERT INTO setting (key, value, version, updated_at)
        VALUES ($1, json_build_object('keyed_from', $2::bigint, 'key_id', $3::text)::text, 1, $4))sql",
               {kAuditChainSetting, seq, key->id(), at});
  c.prepared(R"sql(
      INSERT INTO audit_event (seq, at, actor_user, organization, role, action, entity_type,
                               entity_id, outcome, address, request_id, prev_hash, hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13))sql",
             {seq, at, e.actor_user, e.organization, e.role, e.action, e.entity_type, e.entity_id,
              e.outcome, e.address, e.request_id, prev,
              key ? audit_hmac(*key, prev, seq, e) : audit_hash(prev, seq, e)});
  return seq;
}

ChainReport verify_audit_chain(PgConnection& c, std::string_view expect_head,
                               const AuditChainKey* key, ChainCheck check) {
  PgTransaction snapshot(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  return verify_audit_chain_in_transaction(c, expect_head, key, check);
}

ChainReport verify_audit_chain_in_transaction(PgConnection& c, std::string_view expect_head,
                                              const AuditChainKey* key, ChainCheck check) {
  auto keying = read_keying(c);
  PgRowCursor rows(c, kAuditVerifySql);
  return verify_audit_rows(rows, keying, expect_head, key, check);
}

}  // namespace enlace::storage
