// The e-mail outbox in SQLite: see mail_outbox_repository.hpp.
#include "storage/mail_outbox_repository.hpp"

#include "core/notification_prefs.hpp"
#include "storage/key_ring.hpp"
#include "storage/user_repository.hpp"

#include <algorithm>
#include <map>

namespace enlace::storage {

namespace {

void insert_mail(WriteTxn& tx, const std::string& user_id, const std::string& event,
                 const std::optional<std::string>& referral_id, const std::string& status,
                 const std::optional<std::string>& detail, core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      INSERT INTO mail_outbox (user_id, event, referral_id, status, detail, created_at,
                               next_attempt_at)
      VALUES (?1, ?2, ?3, NULLIF(?4, ''), ?5, ?6, ?6))sql");
  st.bind(1, user_id);
  st.bind(2, event);
  st.bind(3, referral_id);
  st.bind(4, status);
  st.bind(5, detail);
  st.bind(6, core::to_millis(now));
  st.run();
}

struct Pick {
  std::string user_id;
  core::MailMode mode;
};

// The audience of `e`: the receiving organisation's partners and org_admins (when it may see
// the referral) and the account that sent it; active, with an address, not the one who acted;
// each with the mode they chose or their role's default. Nobody outside that audience hears of
// a referral, whatever they chose.
std::vector<Pick> audience(WriteTxn& tx, const MailEvent& e) {
  auto st = tx.prepared(R"sql(
      SELECT u.id, u.roles, u.organization_id = r.to_org, u.id = r.created_by, p.mode
        FROM referral r
        JOIN app_user u ON (?2 = 1 AND u.organization_id = r.to_org) OR u.id = r.created_by
        LEFT JOIN notification_pref p ON p.user_id = u.id AND p.event = ?3
       WHERE r.id = ?1 AND u.active = 1 AND COALESCE(u.email, '') <> '' AND u.id <> ?4)sql");
  st.bind(1, e.referral_id);
  st.bind(2, e.receiver_sees);
  st.bind(3, e.type);
  st.bind(4, e.actor_user_id);
  std::vector<Pick> picks;
  while (st.step()) {
    auto roles = roles_from_text(st.text(1));
    auto holds = [&roles](core::Role r) {
      return std::find(roles.begin(), roles.end(), r) != roles.end();
    };
    core::MailAudience part{.in_receiving_org = st.int64(2) != 0, .sent_it = st.int64(3) != 0};
    // A caseworker of the receiving organisation does not see its inbox.
    const bool receives =
        part.in_receiving_org && (holds(core::Role::partner) || holds(core::Role::org_admin));
    if (!receives && !part.sent_it) continue;
    auto chosen = st.opt_text(4);
    auto mode = chosen ? core::parse_mail_mode(*chosen) : std::nullopt;
    picks.push_back({st.text(0), mode.value_or(core::default_mail_mode(e.type, roles, part))});
  }
  return picks;
}

}  // namespace

int MailOutboxRepository::queue_for_event(WriteTxn& tx, const MailEvent& e, core::Timestamp now) {
  auto picks = audience(tx, e);
  int queued = 0;
  for (const auto& p : picks) {
    if (p.mode == core::MailMode::immediate) {
      insert_mail(tx, p.user_id, e.type, e.referral_id, e.status, std::nullopt, now);
      ++queued;
    } else if (p.mode == core::MailMode::daily) {
      auto d = tx.prepared(R"sql(
          INSERT INTO mail_digest_item (user_id, event, referral_id, at) VALUES (?1, ?2, ?3, ?4))sql");
      d.bind(1, p.user_id);
      d.bind(2, e.type);
      d.bind(3, e.referral_id);
      d.bind(4, core::to_millis(now));
      d.run();
    }
  }
  return queued;
}

void MailOutboxRepository::queue_respond_link(WriteTxn& tx, const std::string& referral_id,
                                              const std::string& organization_id,
                                              const std::string& token, core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      INSERT INTO mail_outbox (organization_id, event, referral_id, status, link_token,
                               created_at, next_attempt_at)
      SELECT ?1, 'referral.respond_link', r.id, r.status, ?3, ?4, ?4
        FROM referral r WHERE r.id = ?2)sql");
  st.bind(1, organization_id);
  st.bind(2, referral_id);
  st.bind(3, field_cipher().seal("mail_outbox.link_token", token));
  st.bind(4, core::to_millis(now));
  st.run();
}

int MailOutboxRepository::queue_digests(WriteTxn& tx, core::Timestamp day_start,
                                        const std::string& day, core::Timestamp now) {
  std::map<std::string, std::map<std::string, int>> counts;  // user -> event -> n
  {
    auto st = tx.prepared(R"sql(
        SELECT i.user_id, i.event, count(*)
          FROM mail_digest_item i
          LEFT JOIN notification_pref p ON p.user_id = i.user_id AND p.event = 'digest'
         WHERE i.at < ?1 AND COALESCE(p.mode, 'daily') <> 'off'
         GROUP BY i.user_id, i.event)sql");
    st.bind(1, core::to_millis(day_start));
    while (st.step()) counts[st.text(0)][st.text(1)] = static_cast<int>(st.int64(2));
  }
  for (const auto& [user, by_event] : counts) {
    // Codes and numbers only: {"day":"2026-11-24","referral.created":3,...}
    std::string detail = "{\"day\":\"" + day + "\"";
    for (const auto& [event, n] : by_event) detail += ",\"" + event + "\":" + std::to_string(n);
    detail += "}";
    insert_mail(tx, user, "digest", std::nullopt, "", detail, now);
  }
  auto del = tx.prepared("DELETE FROM mail_digest_item WHERE at < ?1");
  del.bind(1, core::to_millis(day_start));
  del.run();
  return static_cast<int>(counts.size());
}

std::vector<MailToSend> MailOutboxRepository::due(ReadTxn& tx, core::Timestamp now, int limit) {
  // Category, urgency, deadline and the receiving organisation's name: never the reason,
  // the snapshot or anything of the case.
  auto st = tx.prepared(R"sql(
      SELECT m.id, COALESCE(m.user_id, ''), COALESCE(u.email, x.email, ''),
             COALESCE(u.language, ''), m.event,
             COALESCE(m.status, ''), COALESCE(m.detail, ''), COALESCE(c.name, r.category, ''),
             COALESCE(r.urgency, ''), COALESCE(o.name, ''), r.respond_by, m.attempts,
             m.first_failed_at, m.created_at, COALESCE(u.active, x.external, 0), m.link_token
        FROM mail_outbox m
        LEFT JOIN app_user u ON u.id = m.user_id
        LEFT JOIN organization x ON x.id = m.organization_id
        LEFT JOIN referral r ON r.id = m.referral_id
        LEFT JOIN category c ON c.code = r.category
        LEFT JOIN organization o ON o.id = r.to_org
       WHERE m.state = 'queued' AND m.next_attempt_at <= ?1
       ORDER BY m.next_attempt_at, m.id
       LIMIT ?2)sql");
  st.bind(1, core::to_millis(now));
  st.bind(2, limit);
  std::vector<MailToSend> out;
  while (st.step()) {
    MailToSend m;
    m.id = st.int64(0);
    m.user_id = st.text(1);
    m.email = st.text(2);
    m.language = st.text(3);
    m.event = st.text(4);
    m.status = st.text(5);
    m.detail = st.text(6);
    m.category = st.text(7);
    m.urgency = st.text(8);
    m.organization = st.text(9);
    if (auto at = st.opt_int64(10)) m.deadline = core::from_millis(*at);
    m.attempts = static_cast<int>(st.int64(11));
    if (auto at = st.opt_int64(12)) m.first_failed_at = core::from_millis(*at);
    m.created_at = core::from_millis(st.int64(13));
    m.deliverable = st.int64(14) != 0 && !m.email.empty();
    if (auto token = field_cipher().open("mail_outbox.link_token", st.opt_text(15)))
      m.link_token = *token;
    out.push_back(std::move(m));
  }
  return out;
}

void MailOutboxRepository::mark_sent(WriteTxn& tx, std::int64_t id, core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      UPDATE mail_outbox SET state = 'sent', sent_at = ?2, attempts = attempts + 1,
                             last_error = NULL, link_token = NULL
       WHERE id = ?1 AND state = 'queued')sql");
  st.bind(1, id);
  st.bind(2, core::to_millis(now));
  st.run();
}

void MailOutboxRepository::mark_attempt_failed(WriteTxn& tx, std::int64_t id,
                                               const std::string& error,
                                               std::optional<core::Timestamp> retry_at,
                                               core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      UPDATE mail_outbox
         SET attempts = attempts + 1, last_error = ?2,
             first_failed_at = COALESCE(first_failed_at, ?3),
             state = CASE WHEN ?4 IS NULL THEN 'failed' ELSE 'queued' END,
             link_token = CASE WHEN ?4 IS NULL THEN NULL ELSE link_token END,
             next_attempt_at = COALESCE(?4, next_attempt_at)
       WHERE id = ?1 AND state = 'queued')sql");
  st.bind(1, id);
  st.bind(2, error);
  st.bind(3, core::to_millis(now));
  // A typed NULL: PostgreSQL reads ?4 first in `?4 IS NULL`, which gives it no type.
  std::optional<std::int64_t> retry_ms;
  if (retry_at) retry_ms = core::to_millis(*retry_at);
  st.bind(4, retry_ms);
  st.run();
}

std::vector<MailQueueRow> MailOutboxRepository::list(ReadTxn& tx, const std::string& state,
                                                     std::int64_t before_id, int limit) {
  auto st = tx.prepared(R"sql(
      SELECT id, COALESCE(user_id, ''), event, state, attempts, last_error, created_at, sent_at,
             organization_id
        FROM mail_outbox
       WHERE (?1 = '' OR state = ?1) AND (?2 = 0 OR id < ?2)
       ORDER BY id DESC LIMIT ?3)sql");
  st.bind(1, state);
  st.bind(2, before_id);
  st.bind(3, limit);
  std::vector<MailQueueRow> out;
  while (st.step()) {
    MailQueueRow r;
    r.id = st.int64(0);
    r.user_id = st.text(1);
    r.event = st.text(2);
    r.state = st.text(3);
    r.attempts = static_cast<int>(st.int64(4));
    r.last_error = st.opt_text(5);
    r.created_at = core::from_millis(st.int64(6));
    if (auto at = st.opt_int64(7)) r.sent_at = core::from_millis(*at);
    r.organization_id = st.opt_text(8);
    out.push_back(std::move(r));
  }
  return out;
}

MailQueueStats MailOutboxRepository::stats(ReadTxn& tx) {
  auto st = tx.prepared(
      "SELECT count(*), min(created_at) FROM mail_outbox WHERE state = 'queued'");
  MailQueueStats s;
  if (st.step()) {
    s.queued = st.int64(0);
    if (auto at = st.opt_int64(1)) s.oldest_queued = core::from_millis(*at);
  }
  return s;
}

}  // namespace enlace::storage
