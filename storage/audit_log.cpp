// Audit chain: see audit_log.hpp.
#include "storage/audit_log.hpp"

#include <openssl/evp.h>

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
// hashing many events reuses one buffer instead of allocating per event.
void encode(std::string& out, std::string_view prev_hash, std::int64_t seq, std::int64_t at_millis,
            const EventFields& fields) {
  out.clear();
  put(out, "enlace-audit-v1");
  put(out, prev_hash);
  put(out, std::to_string(seq));
  put(out, std::to_string(at_millis));
  for (std::string_view f : fields) put(out, f);
}

// SHA-256 as lowercase hex, with the implementation fetched once and one context reused: with
// OpenSSL 3, EVP_Digest(EVP_sha256()) looks the implementation up under a lock on every call,
// which cost about as much as the hashing itself over a long chain. One per thread.
class Sha256Hex {
 public:
  Sha256Hex() : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), ctx_(EVP_MD_CTX_new()) {
    if (!md_ || !ctx_) throw std::runtime_error("SHA-256 unavailable");
  }
  ~Sha256Hex() {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
  }
  Sha256Hex(const Sha256Hex&) = delete;
  Sha256Hex& operator=(const Sha256Hex&) = delete;

  // Writes the digest of `data` into `hex` (64 characters, reusing its buffer).
  void digest(std::string_view data, std::string& hex) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_DigestInit_ex2(ctx_, md_, nullptr) != 1 ||
        EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(ctx_, md.data(), &len) != 1)
      throw std::runtime_error("SHA-256 failed");
    static constexpr char kHex[] = "0123456789abcdef";
    hex.resize(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
      hex[2 * i] = kHex[md[i] >> 4];
      hex[2 * i + 1] = kHex[md[i] & 15];
    }
  }

 private:
  EVP_MD* md_;
  EVP_MD_CTX* ctx_;
};

Sha256Hex& thread_sha256() {
  thread_local Sha256Hex sha;
  return sha;
}

// Columns of the verify query, in order.
constexpr const char* kColumnNames[] = {"seq",    "at",         "actor_user",  "organization",
                                        "role",   "action",     "entity_type", "entity_id",
                                        "outcome", "address",   "request_id",  "prev_hash",
                                        "hash"};

}  // namespace

std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const core::AuditEvent& e) {
  std::string enc, hex;
  encode(enc, prev_hash, seq, core::to_millis(e.at),
         {e.actor_user, e.organization, e.role, e.action, e.entity_type, e.entity_id, e.outcome,
          e.address, e.request_id});
  thread_sha256().digest(enc, hex);
  return hex;
}

std::int64_t append_audit(WriteTxn& tx, const core::AuditEvent& e) {
  std::int64_t seq = 1;
  std::string prev = kGenesisHash;
  {
    // seq is the rowid: this is a seek to the last row, not a scan.
    auto head = tx.prepared("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1");
    if (head.step()) {
      seq = head.int64(0) + 1;
      prev = head.text(1);
    }
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
  st.bind(13, audit_hash(prev, seq, e));
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
  for (const auto& id : ids) {
    // The cached statement resets when `st` leaves scope, ready for the next id.
    auto st = tx.prepared(
        "INSERT OR IGNORE INTO audit_record (entity_type, entity_id, seq) VALUES (?1, ?2, ?3)");
    st.bind(1, e.entity_type);
    st.bind(2, id);
    st.bind(3, seq);
    st.run();
  }
}

bool is_audit_hash(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

ChainReport verify_audit_chain(Connection& c, std::string_view expect_head) {
  ChainReport r;
  r.head = kGenesisHash;
  bool expected_seen = expect_head.empty() || expect_head == kGenesisHash;
  auto st = c.prepared(R"sql(
      SELECT seq, at, actor_user, organization, role, action, entity_type, entity_id, outcome,
             address, request_id, prev_hash, hash
        FROM audit_event ORDER BY seq)sql");
  std::int64_t expected_seq = 1;
  std::string encoded, computed;
  Sha256Hex& sha = thread_sha256();
  auto fail = [&](std::int64_t seq, std::string why) {
    r.ok = false;
    r.broken_seq = seq;
    r.problem = std::move(why);
  };
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
    // Views into the row, valid until the next step: nothing is copied per event but the hash.
    EventFields fields;
    for (std::size_t i = 0; i < fields.size(); ++i) fields[i] = st.text_view(static_cast<int>(i) + 2);
    encode(encoded, r.head, seq, st.int64(1), fields);
    sha.digest(encoded, computed);
    std::string_view hash = st.text_view(12);
    if (computed != hash) {
      fail(seq, "its contents do not match its hash (edited)");
      return r;
    }
    if (!expected_seen && hash == expect_head) expected_seen = true;
    r.head = hash;
    ++r.events;
    ++expected_seq;
  }
  if (!expected_seen)
    fail(expected_seq, "the expected head is not in the log: events after " +
                           std::to_string(r.events) +
                           " were removed (truncated) or the log was rewritten");
  return r;
}

}  // namespace enlace::storage
