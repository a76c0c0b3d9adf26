// Keying the audit chain: see audit_chain_keying.hpp.
#include "storage/audit_chain_keying.hpp"

#include "storage/audit_event_row.hpp"
#include "storage/audit_log.hpp"
#include "storage/sql.hpp"

#include <vector>

namespace enlace::storage {

template <class Txn>
core::Result<void> check_audit_chain_key(Txn& tx, const AuditChainKey* key) {
  auto keying = read_chain_keying(tx);
  if (!keying) return {};
  if (!key)
    return core::Error::conflict("audit-chain-keyed",
                                 "The audit chain is keyed (key id " + keying->key_id +
                                     "): set encryption_key_file (or ENLACE_ENCRYPTION_KEY_FILE) "
                                     "to the deployment's key file.");
  if (keying->key_id != key->id())
    return core::Error::conflict("audit-chain-other-key",
                                 "The audit chain is keyed with key id " + keying->key_id +
                                     ", but the configured key's id is " + key->id() +
                                     ": is encryption_key_file the deployment's key?");
  return {};
}
template core::Result<void> check_audit_chain_key(Connection&, const AuditChainKey*);
template core::Result<void> check_audit_chain_key(WriteTxn&, const AuditChainKey*);

core::Result<std::optional<std::int64_t>> key_audit_chain(WriteTxn& tx, const AuditChainKey& key,
                                                          const core::AuditEvent& marker) {
  if (auto ok = check_audit_chain_key(tx, &key); !ok) return ok.error();
  if (read_chain_keying(tx)) return std::optional<std::int64_t>{};
  auto head = read_chain_head(tx);
  if (head.events == 0) return std::optional<std::int64_t>{};  // the first event is keyed anyway
  append_audit(tx, marker, &key);
  return std::optional<std::int64_t>{head.events + 1};
}

core::Result<std::optional<std::int64_t>> start_audit_chain(const std::string& db_path,
                                                            const AuditChainKey* key,
                                                            const core::AuditEvent& marker) {
  try {
    auto c = Connection::open(db_path, {.read_only = false});
    c.exec("BEGIN IMMEDIATE");
    try {
      WriteTxn tx(c);
      core::Result<std::optional<std::int64_t>> r = std::optional<std::int64_t>{};
      if (key) r = key_audit_chain(tx, *key, marker);
      else if (auto ok = check_audit_chain_key(tx, nullptr); !ok) r = ok.error();
      c.exec(r ? "COMMIT" : "ROLLBACK");
      return r;
    } catch (...) {
      c.exec("ROLLBACK");
      throw;
    }
  } catch (const DbError& e) {
    return core::Error::internal("Could not key the audit chain: " + e.message);
  }
}

core::Result<RechainReport> rechain_audit_log(WriteTxn& tx, const AuditChainKey* current,
                                              const AuditChainKey& fresh,
                                              const core::AuditEvent& marker) {
  auto keying = read_chain_keying(tx);
  // An unkeyed chain verifies plain whatever key is given; a keyed one needs its key.
  auto before = verify_audit_chain(tx.connection(), {}, keying ? current : nullptr);
  if (!before.ok)
    return core::Error::conflict("audit-chain-broken",
                                 "audit chain broken at event " + std::to_string(*before.broken_seq) +
                                     ": " + before.problem);
  RechainReport report;
  report.old_head = before.head;
  if (keying) {
    // Batches of rows, read then rewritten: no statement steps over rows being updated.
    std::string prev;
    {
      auto first = tx.prepared("SELECT prev_hash FROM audit_event WHERE seq = ?1");
      first.bind(1, keying->keyed_from);
      if (first.step()) prev = first.text(0);
    }
    std::int64_t after = keying->keyed_from - 1;
    for (;;) {
      struct Row {
        std::int64_t seq;
        core::AuditEvent e;
      };
      std::vector<Row> rows;
      {
        auto st = tx.prepared(R"sql(
            SELECT seq, at, actor_user, organization, role, action, entity_type, entity_id,
                   outcome, address, request_id
              FROM audit_event WHERE seq > ?1 ORDER BY seq LIMIT 1000)sql");
        st.bind(1, after);
        while (st.step()) rows.push_back({st.int64(0), read_audit_event(st, 1)});
      }
      if (rows.empty()) break;
      for (const auto& r : rows) {
        std::string hash = audit_hmac(fresh, prev, r.seq, r.e);
        auto up = tx.prepared("UPDATE audit_event SET prev_hash = ?1, hash = ?2 WHERE seq = ?3");
        up.bind(1, prev);
        up.bind(2, hash);
        up.bind(3, r.seq);
        up.run();
        prev = std::move(hash);
        ++report.relinked;
      }
      after = rows.back().seq;
    }
    auto record = tx.prepared(
        tx.connection().is_postgres()
            ? "UPDATE setting SET value = CAST(jsonb_set(CAST(value AS jsonb), '{key_id}', "
              "to_jsonb(CAST(?1 AS text))) AS text), version = version + 1 WHERE key = 'audit_chain'"
            : "UPDATE setting SET value = json_set(value, '$.key_id', ?1), version = version + 1 "
              "WHERE key = 'audit_chain'");
    record.bind(1, fresh.id());
    record.run();
  }
  append_audit(tx, marker, &fresh);
  auto head = read_chain_head(tx);
  report.events = head.events;
  report.new_head = head.head;
  return report;
}

}  // namespace enlace::storage
