// Webhooks in SQLite: see webhook_repository.hpp.
#include "storage/webhook_repository.hpp"

#include "core/webhook_rules.hpp"
#include "storage/key_ring.hpp"

#include <sstream>

namespace enlace::storage {

namespace {

constexpr std::string_view kSecretColumn = "webhook.secret";

std::string join_events(const std::vector<std::string>& events) {
  std::string out;
  for (const auto& e : events) out += (out.empty() ? "" : " ") + e;
  return out;
}

std::vector<std::string> split_events(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string e; in >> e;) out.push_back(e);
  return out;
}

std::optional<core::Timestamp> opt_time(const Statement& st, int col) {
  auto v = st.opt_int64(col);
  if (!v) return std::nullopt;
  return core::from_millis(*v);
}

template <class Txn>
std::vector<WebhookRecord> list_of(Txn& tx, const std::string& org) {
  auto st = tx.prepared(R"sql(
      SELECT id, organization_id, url, events, created_at, failing_since, disabled_at
        FROM webhook WHERE organization_id = ?1 ORDER BY created_at, id)sql");
  st.bind(1, org);
  std::vector<WebhookRecord> out;
  while (st.step()) {
    WebhookRecord r;
    r.id = st.text(0);
    r.organization_id = st.text(1);
    r.url = st.text(2);
    r.events = split_events(st.text(3));
    r.created_at = core::from_millis(st.int64(4));
    r.failing_since = opt_time(st, 5);
    r.disabled_at = opt_time(st, 6);
    out.push_back(std::move(r));
  }
  return out;
}

template <class Txn>
std::int64_t count_of(Txn& tx, const std::string& org) {
  auto st = tx.prepared("SELECT COUNT(*) FROM webhook WHERE organization_id = ?1");
  st.bind(1, org);
  st.step();
  return st.int64(0);
}

}  // namespace

WebhookRecord WebhookRepository::insert(WriteTxn& tx, const std::string& id,
                                        const std::string& org, const std::string& url,
                                        const std::vector<std::string>& events,
                                        const std::string& secret, const std::string& created_by,
                                        core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      INSERT INTO webhook (id, organization_id, url, events, secret, created_by, created_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
  st.bind(1, id);
  st.bind(2, org);
  st.bind(3, url);
  st.bind(4, join_events(events));
  st.bind(5, field_cipher().seal(kSecretColumn, secret));
  st.bind(6, created_by);
  st.bind(7, core::to_millis(now));
  st.run();
  WebhookRecord r;
  r.id = id;
  r.organization_id = org;
  r.url = url;
  r.events = events;
  r.created_at = now;
  return r;
}

std::int64_t WebhookRepository::count(ReadTxn& tx, const std::string& org) {
  return count_of(tx, org);
}
std::int64_t WebhookRepository::count(WriteTxn& tx, const std::string& org) {
  return count_of(tx, org);
}

std::vector<WebhookRecord> WebhookRepository::list(ReadTxn& tx, const std::string& org) {
  return list_of(tx, org);
}

core::Result<bool> WebhookRepository::remove(WriteTxn& tx, const std::string& org,
                                             const std::string& webhook_id) {
  auto st = tx.prepared("DELETE FROM webhook WHERE id = ?1 AND organization_id = ?2");
  st.bind(1, webhook_id);
  st.bind(2, org);
  st.run();
  if (tx.changes() == 0) return core::Error::not_found("webhook");
  return true;
}

core::Result<std::vector<WebhookDeliveryRecord>> WebhookRepository::deliveries(
    ReadTxn& tx, const std::string& org, const std::string& webhook_id) {
  {
    auto own = tx.prepared("SELECT 1 FROM webhook WHERE id = ?1 AND organization_id = ?2");
    own.bind(1, webhook_id);
    own.bind(2, org);
    if (!own.step()) return core::Error::not_found("webhook");
  }
  auto st = tx.prepared(R"sql(
      SELECT d.id, d.event_id, d.type, d.state, d.attempts, d.last_status, d.last_error,
             d.created_at, d.last_attempt_at, d.next_attempt_at, d.sent_at
        FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
       WHERE d.webhook_id = ?1 AND w.organization_id = ?2
       ORDER BY d.event_id DESC LIMIT ?3)sql");
  st.bind(1, webhook_id);
  st.bind(2, org);
  st.bind(3, kWebhookDeliveriesShown);
  std::vector<WebhookDeliveryRecord> out;
  while (st.step()) {
    WebhookDeliveryRecord r;
    r.id = st.text(0);
    r.event_id = st.int64(1);
    r.type = st.text(2);
    r.state = st.text(3);
    r.attempts = static_cast<int>(st.int64(4));
    r.last_status = st.opt_int64(5);
    r.last_error = st.opt_text(6);
    r.created_at = core::from_millis(st.int64(7));
    r.last_attempt_at = opt_time(st, 8);
    r.next_attempt_at = opt_time(st, 9);
    r.sent_at = opt_time(st, 10);
    out.push_back(std::move(r));
  }
  return out;
}

bool WebhookRepository::has_new_events(ReadTxn& tx) {
  auto st = tx.prepared(R"sql(
      SELECT EXISTS (SELECT 1 FROM live_event
                      WHERE id > (SELECT last_event_id FROM webhook_cursor WHERE id = 1)))sql");
  st.step();
  return st.int64(0) != 0;
}

std::size_t WebhookRepository::fan_out(WriteTxn& tx, const WebhookFanOut& make,
                                       core::Timestamp now, int limit) {
  std::int64_t cursor = 0;
  {
    auto st = tx.prepared("SELECT last_event_id FROM webhook_cursor WHERE id = 1");
    if (st.step()) cursor = st.int64(0);
  }
  // live_event.organizations: the sender's id, then the receiver's once it may see the event
  // (live_event_repository.cpp). Both sides' webhooks hear it: an organisation's webhook
  // stands for its org_admin, who hears both boxes on the event stream.
  auto events = tx.prepared(R"sql(
      SELECT id, at, type, data,
             substr(organizations || ' ', 1, instr(organizations || ' ', ' ') - 1) AS sender,
             substr(organizations, instr(organizations || ' ', ' ') + 1) AS receiver
        FROM live_event WHERE id > ?1 ORDER BY id LIMIT ?2)sql");
  events.bind(1, cursor);
  events.bind(2, limit);
  struct Row {
    WebhookEvent e;
    std::string sender, receiver;
  };
  std::vector<Row> rows;
  while (events.step()) {
    Row r;
    r.e.id = events.int64(0);
    r.e.at = core::from_millis(events.int64(1));
    r.e.type = events.text(2);
    r.e.data = events.text(3);
    r.sender = events.text(4);
    r.receiver = events.text(5);
    rows.push_back(std::move(r));
  }
  for (const auto& r : rows) {
    auto hooks = tx.prepared(R"sql(
        SELECT id, organization_id FROM webhook
         WHERE organization_id IN (?1, ?2) AND disabled_at IS NULL AND created_at <= ?3
           AND instr(' ' || events || ' ', ' ' || ?4 || ' ') > 0
         ORDER BY id)sql");
    hooks.bind(1, r.sender);
    hooks.bind(2, r.receiver.empty() ? r.sender : r.receiver);
    hooks.bind(3, core::to_millis(r.e.at));
    hooks.bind(4, r.e.type);
    std::vector<std::pair<std::string, std::string>> targets;
    while (hooks.step()) targets.emplace_back(hooks.text(0), hooks.text(1));
    for (const auto& [hook, org] : targets) {
      auto ins = tx.prepared(R"sql(
          INSERT INTO webhook_delivery (id, webhook_id, event_id, type, body, state,
                                        next_attempt_at, created_at)
          VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?6))sql");
      ins.bind(1, make.new_delivery_id());
      ins.bind(2, hook);
      ins.bind(3, r.e.id);
      ins.bind(4, r.e.type);
      ins.bind(5, make.body_of(r.e, org));
      ins.bind(6, core::to_millis(now));
      ins.run();
    }
  }
  if (!rows.empty()) {
    auto st = tx.prepared("UPDATE webhook_cursor SET last_event_id = ?1 WHERE id = 1");
    st.bind(1, rows.back().e.id);
    st.run();
  }
  return rows.size();
}

std::vector<DueWebhookDelivery> WebhookRepository::due(ReadTxn& tx, core::Timestamp now,
                                                       int limit) {
  auto st = tx.prepared(R"sql(
      SELECT d.id, d.webhook_id, w.organization_id, w.url, w.secret, d.body, d.attempts,
             d.first_failed_at
        FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
       WHERE d.state = 'queued' AND d.next_attempt_at <= ?1 AND w.disabled_at IS NULL
       ORDER BY d.next_attempt_at, d.event_id LIMIT ?2)sql");
  st.bind(1, core::to_millis(now));
  st.bind(2, limit);
  std::vector<DueWebhookDelivery> out;
  while (st.step()) {
    DueWebhookDelivery d;
    d.id = st.text(0);
    d.webhook_id = st.text(1);
    d.organization_id = st.text(2);
    d.url = st.text(3);
    d.secret = field_cipher().open(kSecretColumn, st.text(4));
    d.body = st.text(5);
    d.attempts = static_cast<int>(st.int64(6));
    d.first_failed_at = opt_time(st, 7);
    out.push_back(std::move(d));
  }
  return out;
}

void WebhookRepository::record_success(WriteTxn& tx, const DueWebhookDelivery& d, int status,
                                       core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      UPDATE webhook_delivery
         SET state = 'sent', attempts = attempts + 1, last_status = ?2, last_error = NULL,
             last_attempt_at = ?3, sent_at = ?3, next_attempt_at = NULL
       WHERE id = ?1 AND state = 'queued')sql");
  st.bind(1, d.id);
  st.bind(2, status);
  st.bind(3, core::to_millis(now));
  st.run();
  auto hook = tx.prepared("UPDATE webhook SET failing_since = NULL WHERE id = ?1");
  hook.bind(1, d.webhook_id);
  hook.run();
}

WebhookFailure WebhookRepository::record_failure(WriteTxn& tx, const DueWebhookDelivery& d,
                                                 std::optional<int> status,
                                                 const std::string& error, core::Timestamp now,
                                                 std::optional<core::Timestamp> next) {
  WebhookFailure out;
  out.delivery_given_up = !next;
  auto st = tx.prepared(R"sql(
      UPDATE webhook_delivery
         SET attempts = attempts + 1, last_status = ?2, last_error = ?3, last_attempt_at = ?4,
             first_failed_at = COALESCE(first_failed_at, ?4),
             state = CASE WHEN ?5 IS NULL THEN 'failed' ELSE 'queued' END, next_attempt_at = ?5
       WHERE id = ?1 AND state = 'queued')sql");
  st.bind(1, d.id);
  if (status) st.bind(2, *status); else st.bind_null(2);
  st.bind(3, error);
  st.bind(4, core::to_millis(now));
  // A typed NULL: PostgreSQL reads ?5 first in `?5 IS NULL`, which gives it no type.
  std::optional<std::int64_t> next_ms;
  if (next) next_ms = core::to_millis(*next);
  st.bind(5, next_ms);
  st.run();
  {
    auto mark = tx.prepared(
        "UPDATE webhook SET failing_since = COALESCE(failing_since, ?2) WHERE id = ?1");
    mark.bind(1, d.webhook_id);
    mark.bind(2, core::to_millis(now));
    mark.run();
  }
  core::Timestamp since{};
  bool already_disabled = false;
  {
    auto read = tx.prepared("SELECT failing_since, disabled_at FROM webhook WHERE id = ?1");
    read.bind(1, d.webhook_id);
    if (!read.step()) return out;  // deleted meanwhile
    since = core::from_millis(read.int64(0));
    already_disabled = !read.is_null(1);
  }
  if (already_disabled || !core::webhook_endpoint_given_up(since, now)) return out;
  auto disable = tx.prepared("UPDATE webhook SET disabled_at = ?2 WHERE id = ?1");
  disable.bind(1, d.webhook_id);
  disable.bind(2, core::to_millis(now));
  disable.run();
  auto drop = tx.prepared(R"sql(
      UPDATE webhook_delivery
         SET state = 'failed', next_attempt_at = NULL,
             last_error = COALESCE(last_error, 'endpoint disabled')
       WHERE webhook_id = ?1 AND state = 'queued')sql");
  drop.bind(1, d.webhook_id);
  drop.run();
  out.endpoint_disabled = true;
  return out;
}

WebhookQueueStats WebhookRepository::queue_stats(ReadTxn& tx) {
  auto st = tx.prepared(R"sql(
      SELECT COUNT(*), MIN(d.created_at)
        FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
       WHERE d.state = 'queued' AND w.disabled_at IS NULL)sql");
  WebhookQueueStats out;
  if (st.step()) {
    out.queued = st.int64(0);
    out.oldest_queued_at = opt_time(st, 1);
  }
  return out;
}

}  // namespace enlace::storage
