// Audit chain: see audit_log.hpp.
#include "storage/audit_log.hpp"

#include "storage/postgres/pg_audit_log.hpp"
#include "storage/postgres/pg_sql_dialect.hpp"
#include "storage/postgres/pg_statement.hpp"

#include "core/hex.hpp"

#include "storage/postgres/pg_row_cursor.hpp"
#include "storage/sql.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <stdexcept>

namespace enlace::storage {

namespace {

// Length-prefixed fields: no separator inside a value can make two events encode alike.
void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

// The fields of an event after prev_hash, seq and at, in the order they are hashed.
using EventFields = std::array<std::string_view, 9>;

// The canonical encoding of one event into `out`, which is cleared first so that a caller
// hashing many events reuses one buffer instead of allocating per event. Keyed links carry
// their own label, so that no plain encoding is ever MACed as a keyed one.
void encode(std::string& out, bool keyed, std::string_view prev_hash, std::int64_t seq,
            std::int64_t at_millis, const EventFields& fields) {
  out.clear();
  put(out, keyed ? "enlace-audit-hmac-v1" : "enlace-audit-v1");
  put(out, prev_hash);
  put(out, std::to_string(seq));
  put(out, std::to_string(at_millis));
  for (std::string_view f : fields) put(out, f);
}

EventFields fields_of(const core::AuditEvent& e) {
  return {e.actor_user, e.organization, e.role, e.action, e.entity_type, e.entity_id, e.outcome,
          e.address, e.request_id};
}

void to_hex(const unsigned char* md, std::size_t len, std::string& hex) {
  core::hex_into(std::string_view(reinterpret_cast<const char*>(md), len), hex);
}

// SHA-256 and HMAC-SHA-256 as lowercase hex, with the implementations fetched once and the
// contexts reused: with OpenSSL 3, EVP_Digest(EVP_sha256()) looks the implementation up under
// a lock on every call, which cost about as much as the hashing itself over a long chain.
// One per thread.
class LinkHasher {
 public:
  LinkHasher()
      : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)),
        ctx_(EVP_MD_CTX_new()),
        mac_(EVP_MAC_fetch(nullptr, "HMAC", nullptr)),
        mac_ctx_(mac_ ? EVP_MAC_CTX_new(mac_) : nullptr) {
    if (!md_ || !ctx_ || !mac_ctx_) throw std::runtime_error("SHA-256 or HMAC unavailable");
  }
  ~LinkHasher() {
    OPENSSL_cleanse(mac_key_.data(), mac_key_.size());
    EVP_MAC_CTX_free(mac_ctx_);
    EVP_MAC_free(mac_);
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
  }
  LinkHasher(const LinkHasher&) = delete;
  LinkHasher& operator=(const LinkHasher&) = delete;

  // Writes the link of `data` into `hex` (64 characters, reusing its buffer): HMAC under
  // `key`, or plain SHA-256 without one.
  void link(const AuditChainKey* key, std::string_view data, std::string& hex) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    if (key) {
      std::size_t len = 0;
      if (!init_mac(*key) ||
          EVP_MAC_update(mac_ctx_, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1 ||
          EVP_MAC_final(mac_ctx_, md.data(), &len, md.size()) != 1)
        throw std::runtime_error("HMAC-SHA-256 failed");
      to_hex(md.data(), len, hex);
      return;
    }
    unsigned int len = 0;
    if (EVP_DigestInit_ex2(ctx_, md_, nullptr) != 1 ||
        EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(ctx_, md.data(), &len) != 1)
      throw std::runtime_error("SHA-256 failed");
    to_hex(md.data(), len, hex);
  }

 private:
  // Sets the HMAC key only when it changes: keying HMAC hashes the key's pads, which cost a
  // third of a keyed verify when done per event. A NULL key re-initialises with the last one.
  bool init_mac(const AuditChainKey& key) {
    if (mac_key_ == key.bytes()) return EVP_MAC_init(mac_ctx_, nullptr, 0, nullptr) == 1;
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                           OSSL_PARAM_construct_end()};
    auto k = key.bytes();
    OPENSSL_cleanse(mac_key_.data(), mac_key_.size());
    mac_key_.clear();
    if (EVP_MAC_init(mac_ctx_, reinterpret_cast<const unsigned char*>(k.data()), k.size(), params) != 1)
      return false;
    mac_key_ = k;
    return true;
  }

  EVP_MD* md_;
  EVP_MD_CTX* ctx_;
  EVP_MAC* mac_;
  EVP_MAC_CTX* mac_ctx_;
  std::string mac_key_;  // the key mac_ctx_ holds, to tell when it changes
};

LinkHasher& thread_hasher() {
  thread_local LinkHasher hasher;
  return hasher;
}

std::string link_of(const AuditChainKey* key, const std::string& prev_hash, std::int64_t seq,
                    const core::AuditEvent& e) {
  std::string enc, hex;
  encode(enc, key != nullptr, prev_hash, seq, core::to_millis(e.at), fields_of(e));
  thread_hasher().link(key, enc, hex);
  return hex;
}

// Columns of the verify query, in order.
constexpr const char* kColumnNames[] = {"seq",    "at",         "actor_user",  "organization",
                                        "role",   "action",     "entity_type", "entity_id",
                                        "outcome", "address",   "request_id",  "prev_hash",
                                        "hash"};

}  // namespace

std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const core::AuditEvent& e) {
  return link_of(nullptr, prev_hash, seq, e);
}

std::string audit_hmac(const AuditChainKey& key, const std::string& prev_hash, std::int64_t seq,
                       const core::AuditEvent& e) {
  return link_of(&key, prev_hash, seq, e);
}

template <class Txn>
std::optional<ChainKeying> read_chain_keying(Txn& tx) {
  // The value is JSON; storage has no JSON library, the database reads it.
  auto st = tx.prepared(
      tx.connection().is_postgres()
          ? "SELECT jsonb_typeof(v -> 'keyed_from') = 'number' AND "
            "jsonb_typeof(v -> 'key_id') = 'string', v ->> 'keyed_from', v ->> 'key_id' "
            "FROM (SELECT CAST(value AS jsonb) v FROM setting WHERE key = 'audit_chain') s"
          : "SELECT json_valid(value) AND json_type(value, '$.keyed_from') = 'integer' AND "
            "json_type(value, '$.key_id') = 'text', json_extract(value, '$.keyed_from'), "
            "json_extract(value, '$.key_id') FROM setting WHERE key = 'audit_chain'");
  if (!st.step()) return std::nullopt;
  if (st.int64(0) != 1) return ChainKeying{};
  return ChainKeying{st.int64(1), st.text(2)};
}
template std::optional<ChainKeying> read_chain_keying(Connection&);
template std::optional<ChainKeying> read_chain_keying(ReadTxn&);
template std::optional<ChainKeying> read_chain_keying(WriteTxn&);

template <class Txn>
ChainHead read_chain_head(Txn& tx) {
  ChainHead h;
  // seq is the rowid: this is a seek to the last row, not a scan.
  auto st = tx.prepared("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1");
  if (st.step()) {
    h.events = st.int64(0);
    h.head = st.text(1);
  }
  auto keying = read_chain_keying(tx);
  h.keyed = keying && keying->keyed_from > 0 && keying->keyed_from <= h.events;
  return h;
}
template ChainHead read_chain_head(Connection&);
template ChainHead read_chain_head(ReadTxn&);
template ChainHead read_chain_head(WriteTxn&);

std::int64_t append_audit(WriteTxn& tx, const core::AuditEvent& e) {
  return append_audit(tx, e, installed_audit_chain_key());
}

void check_key_for_append(const std::optional<ChainKeying>& keying, const AuditChainKey* key) {
  if (keying && !key)
    throw AuditChainKeyError("the audit chain is keyed (key id " + keying->key_id +
                             "): configure encryption_key_file to write to it");
  if (keying && keying->key_id != key->id())
    throw AuditChainKeyError("the audit chain is keyed with key id " + keying->key_id +
                             ", not the configured key's " + key->id());
}

std::int64_t append_audit(WriteTxn& tx, const core::AuditEvent& e, const AuditChainKey* key) {
  if (auto* pg = tx.connection().pg()) {
    // Several processes may append: PostgreSQL's appender takes turns under a lock.
    try {
      return append_audit(*pg, e, key);
    } catch (const PgError& failure) {
      throw_pg_as_db_error(failure);
    }
  }
  std::int64_t seq = 1;
  std::string prev = kGenesisHash;
  {
    auto head = tx.prepared("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1");
    if (head.step()) {
      seq = head.int64(0) + 1;
      prev = head.text(1);
    }
  }
  auto keying = read_chain_keying(tx);
  check_key_for_append(keying, key);
  if (key && !keying) {
    // The switch-over: this event is the chain's first keyed one, from here on for good.
    auto record = tx.prepared(R"sql(
        INSERT INTO setting (key, value, version, updated_at)
        VALUES ('audit_chain', json_object('keyed_from', ?1, 'key_id', ?2), 1, ?3))sql");
    record.bind(1, seq);
    record.bind(2, key->id());
    record.bind(3, core::to_millis(e.at));
    record.run();
  }
  auto st = tx.prepared(R"sql(
      INSERT INTO audit_event (seq, at, actor_user, organization, role, action, entity_type,
                               entity_id, outcome, address, request_id, prev_hash, hash)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))sql");
  st.bind(1, seq);
  st.bind(2, core::to_millis(e.at));
  st.bind(3, e.actor_user);
  st.bind(4, e.organization);
  st.bind(5, e.role);
  st.bind(6, e.action);
  st.bind(7, e.entity_type);
  st.bind(8, e.entity_id);
  st.bind(9, e.outcome);
  st.bind(10, e.address);
  st.bind(11, e.request_id);
  st.bind(12, prev);
  st.bind(13, link_of(key, prev, seq, e));
  st.run();
  return seq;
}

void append_audit_listing(WriteTxn& tx, core::AuditEvent e, const std::vector<std::string>& ids) {
  e.entity_id.clear();
  for (const auto& id : ids) {
    if (!e.entity_id.empty()) e.entity_id += ',';
    e.entity_id += id;
  }
  const std::int64_t seq = append_audit(tx, e);
  if (ids.empty()) return;
  if (tx.connection().is_postgres()) {
    // One statement for the page: a statement per record was a round trip each, 50 a page,
    // on the writer's connection.
    auto st = tx.prepared(
        "INSERT INTO audit_record (entity_type, entity_id, seq)"
        " SELECT ?1, r, ?3 FROM unnest(CAST(?2 AS text[])) r ON CONFLICT DO NOTHING");
    st.bind(1, e.entity_type);
    st.bind(2, pg_text_array(ids));
    st.bind(3, seq);
    st.run();
    return;
  }
  // One document for the page (migration 24): a token per record, as listing_token() spells it.
  std::string tokens;
  for (const auto& id : ids) {
    if (!tokens.empty()) tokens += ' ';
    tokens += listing_token(e.entity_type, id);
  }
  auto st = tx.prepared("INSERT INTO audit_listing (rowid, ids) VALUES (?1, ?2)");
  st.bind(1, seq);
  st.bind(2, tokens);
  st.run();
}

std::string listing_token(std::string_view entity_type, std::string_view entity_id) {
  std::string record;
  record.reserve(entity_type.size() + 1 + entity_id.size());
  record.append(entity_type).append(":").append(entity_id);
  return core::to_hex(record);
}

namespace {

// The verification over rows of kAuditVerifySql in seq order, from either backend: a SQLite
// statement or a PostgreSQL cursor (both give step, int64, is_null and text_view), so that both
// check the same rules. A template, not a virtual interface: it runs once per event over
// millions.
template <class Rows>
ChainReport verify_rows(Rows& st, const std::optional<ChainKeying>& keying,
                        std::string_view expect_head, const AuditChainKey* key, ChainCheck check) {
  ChainReport r;
  r.head = kGenesisHash;
  bool expected_seen = expect_head.empty() || expect_head == kGenesisHash;
  auto fail = [&](std::int64_t seq, std::string why) {
    r.ok = false;
    r.broken_seq = seq;
    r.problem = std::move(why);
  };
  if (keying) {
    r.keyed_from = keying->keyed_from;
    r.key_id = keying->key_id;
  }
  std::int64_t expected_seq = 1;
  std::string encoded, computed;
  LinkHasher& hasher = thread_hasher();
  while (st.step()) {
    std::int64_t seq = st.int64(0);
    if (seq > expected_seq) {
      // Name the first missing event, not the survivor after the gap.
      fail(expected_seq, seq == expected_seq + 1
                             ? "this event is missing (deleted)"
                             : "this event and the next " + std::to_string(seq - expected_seq - 1) +
                                   " are missing (deleted)");
      return r;
    }
    if (seq < expected_seq) {
      fail(seq, "sequence number out of order");
      return r;
    }
    // append_audit never writes NULL; a NULL would hash like an empty string, so refuse it.
    for (int col = 2; col <= 12; ++col) {
      if (st.is_null(col)) {
        fail(seq, std::string(kColumnNames[col]) + " is NULL, which the log never writes");
        return r;
      }
    }
    if (st.text_view(11) != r.head) {
      fail(seq, "does not link to the previous event (an event was inserted, deleted or moved)");
      return r;
    }
    // From the switch-over on, only a keyed link verifies: a plain one there is a rewrite.
    bool keyed = keying && seq >= keying->keyed_from;
    if (keyed && keying->keyed_from <= 0) {
      fail(seq, "the chain's switch-over record (setting audit_chain) is malformed");
      return r;
    }
    if (keyed && !key) {
      r.needs_key = true;
      if (check == ChainCheck::full) {
        fail(seq, "the chain is keyed from this event on (HMAC-SHA-256, key id " + keying->key_id +
                      "); verifying it needs the key: set encryption_key_file");
        return r;
      }
    }
    if (keyed && key && keying->key_id != key->id()) {
      fail(seq, "the chain is keyed from this event on with key id " + keying->key_id +
                    ", but the configured key's id is " + key->id() + " (another key file?)");
      return r;
    }
    // Views into the row, valid until the next step: nothing is copied per event but the hash.
    std::string_view hash = st.text_view(12);
    if (!keyed || key) {
      EventFields fields;
      for (std::size_t i = 0; i < fields.size(); ++i) fields[i] = st.text_view(static_cast<int>(i) + 2);
      encode(encoded, keyed, r.head, seq, st.int64(1), fields);
      hasher.link(keyed ? key : nullptr, encoded, computed);
      if (computed != hash) {
        fail(seq, "its contents do not match its hash (edited)");
        return r;
      }
    }
    if (!expected_seen && hash == expect_head) expected_seen = true;
    r.head = hash;
    ++r.events;
    ++expected_seq;
  }
  if (keying && expected_seq <= keying->keyed_from) {
    fail(expected_seq, "the chain is keyed from event " + std::to_string(keying->keyed_from) +
                           " but ends before it: keyed events were removed (truncated)");
    return r;
  }
  if (!keying && key && r.events > 0 && check == ChainCheck::full) {
    // A chain is keyed at the first start with a key (the switch-over event), so with a key,
    // a chain without a keyed event was rewritten by someone without it.
    r.events = 0;
    r.head = kGenesisHash;
    fail(1, "no event is keyed although a key is configured: the log was rewritten without the "
            "key, or no server has started with this key since the upgrade");
    return r;
  }
  if (!expected_seen)
    fail(expected_seq, "the expected head is not in the log: events after " +
                           std::to_string(r.events) +
                           " were removed (truncated) or the log was rewritten");
  return r;
}

}  // namespace

ChainReport verify_audit_chain(Connection& c, std::string_view expect_head, const AuditChainKey* key,
                               ChainCheck check) {
  auto keying = read_chain_keying(c);
  auto st = c.prepared(kAuditVerifySql);
  return verify_rows(st, keying, expect_head, key, check);
}

ChainReport verify_audit_rows(PgRowCursor& rows, const std::optional<ChainKeying>& keying,
                              std::string_view expect_head, const AuditChainKey* key,
                              ChainCheck check) {
  return verify_rows(rows, keying, expect_head, key, check);
}

}  // namespace enlace::storage
