// Idempotency keys in SQLite: see idempotency_repository.hpp.
#include "storage/idempotency_repository.hpp"

#include "core/hex.hpp"
#include "storage/json_text.hpp"
#include "storage/key_ring.hpp"

namespace enlace::storage {

namespace {

constexpr const char* kReplyColumn = "idempotency_key.reply";

// The reply column holds one flat array of strings (storage has no JSON library):
// content type, "1"/"0" for personal data, body, then header name/value pairs.
std::string encode_reply(const KeptReply& r) {
  std::vector<std::string> items{r.content_type, r.personal_data ? "1" : "0", r.body};
  for (const auto& [name, value] : r.headers) {
    items.push_back(name);
    items.push_back(value);
  }
  return encode_string_array(items);
}

std::optional<KeptReply> decode_reply(std::string_view text) {
  auto items = decode_string_array(text);
  if (!items || items->size() < 3 || items->size() % 2 == 0) return std::nullopt;
  KeptReply r;
  r.content_type = (*items)[0];
  r.personal_data = (*items)[1] == "1";
  r.body = (*items)[2];
  for (std::size_t i = 3; i + 1 < items->size(); i += 2)
    r.headers.emplace_back((*items)[i], (*items)[i + 1]);
  return r;
}

}  // namespace

std::optional<KeptReply> IdempotencyRepository::find(ReadTxn& tx, const IdempotencyScope& scope,
                                                     core::Timestamp oldest) {
  // The hash comes back as bytes on both engines (see keep()).
  const bool pg = tx.connection().is_postgres();
  auto st = tx.prepared(pg ? R"sql(
      SELECT decode(body_hash, 'hex'), status, reply FROM idempotency_key
       WHERE user_id = ?1 AND endpoint = ?2 AND idem_key = ?3 AND created_at >= ?4)sql"
                           : R"sql(
      SELECT body_hash, status, reply FROM idempotency_key
       WHERE user_id = ?1 AND endpoint = ?2 AND idem_key = ?3 AND created_at >= ?4)sql");
  st.bind(1, scope.user_id);
  st.bind(2, scope.endpoint);
  st.bind(3, scope.key);
  st.bind(4, core::to_millis(oldest));
  if (!st.step()) return std::nullopt;
  auto reply = decode_reply(field_cipher().open(kReplyColumn, st.text(2)));
  if (!reply) throw FieldCipherError("idempotency_key.reply is not a kept reply");
  reply->body_hash = st.blob(0);
  reply->status = static_cast<int>(st.int64(1));
  return reply;
}

bool IdempotencyRepository::keep(WriteTxn& tx, const IdempotencyScope& scope,
                                 const KeptReply& reply, core::Timestamp now,
                                 core::Timestamp oldest) {
  auto purge = tx.prepared("DELETE FROM idempotency_key WHERE created_at < ?1");
  purge.bind(1, core::to_millis(oldest));
  purge.run();
  auto st = tx.prepared(R"sql(
      INSERT INTO idempotency_key (user_id, endpoint, idem_key, body_hash, status, reply, created_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
      ON CONFLICT (user_id, endpoint, idem_key) DO NOTHING)sql");
  st.bind(1, scope.user_id);
  st.bind(2, scope.endpoint);
  st.bind(3, scope.key);
  // SHA-256's raw bytes, as SQLite has kept them since migration 11; PostgreSQL's text refuses
  // bytes that are not UTF-8, so there the column holds their hex.
  st.bind(4, tx.connection().is_postgres() ? core::to_hex(reply.body_hash) : reply.body_hash);
  st.bind(5, reply.status);
  st.bind(6, field_cipher().seal(kReplyColumn, encode_reply(reply)));
  st.bind(7, core::to_millis(now));
  st.run();
  return tx.changes() == 1;
}

}  // namespace enlace::storage
