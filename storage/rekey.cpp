// Re-encrypting every encrypted column: see rekey.hpp.
#include "storage/rekey.hpp"

#include "storage/encrypted_columns.hpp"
#include "storage/name_index.hpp"
#include "storage/postgres/pg_sessions.hpp"
#include "storage/sql.hpp"
#include "storage/txn.hpp"

#include <chrono>
#include <vector>

namespace enlace::storage {

namespace {

std::string key_predicate(std::string_view key_columns) {
  // "case_id, category" -> "case_id = ?2 AND category = ?3"
  std::string out;
  int n = 2;
  std::size_t i = 0;
  while (i < key_columns.size()) {
    auto comma = key_columns.find(',', i);
    auto name = key_columns.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (!out.empty()) out += " AND ";
    out += std::string(name) + " = ?" + std::to_string(n++);
    if (comma == std::string_view::npos) break;
    i = comma + 1;
  }
  return out;
}

// Conflict when a server is connected to the PostgreSQL database: it would go on sealing with
// the old key (and linking the chain with it).
core::Result<void> refuse_while_served(Connection& c, std::chrono::milliseconds grace) {
  if (auto sessions = server_sessions(*c.pg(), grace); sessions > 0)
    return core::Error::conflict("in-use", "the database is in use by a running enlace server (" +
                                               std::to_string(sessions) +
                                               " connections): stop every enlace serve on it first; "
                                               "nothing was changed");
  return {};
}

int key_count(std::string_view key_columns) {
  int n = 1;
  for (char c : key_columns) n += c == ',';
  return n;
}

}  // namespace

core::Result<RekeyReport> rekey_database(const std::string& db_path, const FieldCipher& opener,
                                         const FieldCipher& sealer, const ChainRotation& chain) {
  RekeyReport report;
  try {
    auto c = Connection::open(db_path, {.read_only = false});
    const bool pg = c.is_postgres();
    c.exec("BEGIN IMMEDIATE");
    try {
      // PostgreSQL has no lock file a server holds (the command checks it on SQLite): no server
      // may be connected, here and again just before COMMIT.
      if (pg) {
        if (auto busy = refuse_while_served(c, std::chrono::seconds(5)); !busy) {
          c.exec("ROLLBACK");
          return busy.error();
        }
      }
      for (const auto& col : kEncryptedColumns) {
        // Table and column names come from the compile-time list, never from input.
        // PostgreSQL: each row by its ctid, which holds within the pass (each row is rewritten
        // once per column); its keys as text would not compare with a bigint key column.
        std::string key = pg ? "CAST(ctid AS text)" : std::string(col.key);
        std::string select = "SELECT " + key + ", " + std::string(col.column) + " FROM " +
                             std::string(col.table) + " WHERE " + std::string(col.column) +
                             " IS NOT NULL";
        std::string update = "UPDATE " + std::string(col.table) + " SET " +
                             std::string(col.column) + " = ?1 WHERE " +
                             (pg ? std::string("ctid = CAST(?2 AS tid)") : key_predicate(col.key));
        int keys = pg ? 1 : key_count(col.key);
        struct Row {
          std::vector<std::string> key;
          std::string value;
        };
        std::vector<Row> rows;
        {
          auto st = c.prepared(select);
          while (st.step()) {
            Row r;
            for (int k = 0; k < keys; ++k) r.key.push_back(st.text(k));
            r.value = st.text(keys);
            rows.push_back(std::move(r));
          }
        }
        for (auto& r : rows) {
          if (!FieldCipher::is_sealed(r.value) && !r.value.empty()) ++report.were_plaintext;
          auto plain = opener.open(col.name, r.value);
          auto st = c.prepared(update);
          st.bind(1, sealer.seal(col.name, plain));
          for (int k = 0; k < keys; ++k) st.bind(2 + k, r.key[static_cast<std::size_t>(k)]);
          st.run();
          ++report.values;
        }
      }
      // The blind indexes are keyed by the new key too (and built for the first time when the
      // names were plaintext): recomputed from the values just sealed.
      WriteTxn tx(c);
      reindex_names(tx, sealer);
      // Deleted FTS5 rows leave their terms in the index segments until a merge: rebuild it
      // from what it should now hold (no blind name_key, so nothing), and VACUUM below
      // clears the freed pages.
      if (!pg) c.exec("INSERT INTO case_name_search(case_name_search) VALUES ('rebuild')");
      auto rechained = rechain_audit_log(tx, chain.current, chain.fresh, chain.marker);
      if (!rechained) {
        c.exec("ROLLBACK");
        auto e = rechained.error();
        e.detail += "; nothing was changed";
        return e;
      }
      report.chain = *rechained;
      if (pg) {
        if (auto busy = refuse_while_served(c, std::chrono::seconds(0)); !busy) {
          c.exec("ROLLBACK");
          return busy.error();
        }
      }
      c.exec("COMMIT");
    } catch (...) {
      c.exec("ROLLBACK");
      throw;
    }
    // Old ciphertext may linger in free pages and the WAL: checkpoint and vacuum it away. On
    // PostgreSQL, VACUUM removes the old row versions (and the index entries that point to
    // them) from every table of the role.
    c.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    c.exec("VACUUM");
    c.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    // A GIN index keeps its keys after VACUUM: the trigrams of names that were plaintext (the
    // first rekey) leave only with a rebuild.
    if (pg) c.exec("REINDEX INDEX case_name_trgm");
  } catch (const DbError& e) {
    return core::Error::internal("Could not re-encrypt the database: " + e.message);
  } catch (const FieldCipherError& e) {
    return core::Error::invalid_field("old_key_file", std::string(e.what()) +
                                                          "; nothing was changed");
  }
  return report;
}

}  // namespace enlace::storage

namespace enlace::storage {

core::Result<std::optional<std::string>> first_unsealed_column(const std::string& db_path) {
  try {
    auto c = Connection::open(db_path, {.read_only = true});
    for (const auto& col : kEncryptedColumns) {
      // Names come from the compile-time list. '' is an erased value, not plaintext.
      std::string sql = "SELECT 1 FROM " + std::string(col.table) + " WHERE " +
                        std::string(col.column) + " <> '' AND substr(" + std::string(col.column) +
                        ", 1, 5) <> 'enc1:' LIMIT 1";
      if (c.prepared(sql).step()) return std::optional<std::string>(std::string(col.name));
    }
  } catch (const DbError& e) {
    return core::Error::internal("Could not read the database: " + e.message);
  }
  return std::optional<std::string>();
}

}  // namespace enlace::storage
