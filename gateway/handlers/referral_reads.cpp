// Reads of referrals shared by the JSON API and FHIR: see referral_reads.hpp.
#include "gateway/handlers/referral_reads.hpp"

#include "core/access_policy.hpp"
#include "core/follow_up.hpp"
#include "core/shown_ids.hpp"
#include "core/use_cases/referral_pages.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/referral_common.hpp"
#include "gateway/live_events.hpp"
#include "gateway/referral_ports.hpp"
#include "gateway/request_audit_trail.hpp"
#include "gateway/responses.hpp"

namespace enlace::gateway {

namespace asio = boost::asio;

asio::awaitable<ReferralReadOutcome> read_one_referral(Request& req, std::string id) {
  if (!takes_part_in_referrals(req.caller())) {
    core::Error denied = core::Error::forbidden();
    auto refused =
        refuse(req, std::move(denied), "referral.read", "referral", std::move(id));
    co_return ReferralReadOutcome{std::nullopt, std::move(refused)};
  }
  core::Actor actor = req.caller();
  co_return co_await read_referral_for(req, std::move(actor), audit_context(req), std::move(id));
}

asio::awaitable<ReferralReadOutcome> read_referral_for(Request& req, core::Actor actor,
                                                       core::AuditContext ctx, std::string id) {
  App& app = *req.app;
  // A write, so the read's audit event is durable before the reply.
  auto apply = [ctx = std::move(ctx), actor = std::move(actor), id = std::move(id),
                &audit = req.audit, &hub = app.events](storage::WriteTxn& tx) {
    WriterReferralPorts ports(tx, ctx, audit, hub);
    return core::read_referral(ports.ports(), actor, id);
  };
  auto done = co_await db_write(app.db, std::move(apply));
  if (!done) co_return ReferralReadOutcome{std::nullopt, problem(req, done.error())};
  if (done->refused)
    co_return ReferralReadOutcome{std::nullopt, problem(req, *done->refused)};
  co_return ReferralReadOutcome{std::move(*done->value), std::nullopt};
}

bool may_list(const core::Actor& a, storage::Box box) {
  switch (box) {
    case storage::Box::inbox: return core::can_act_as_receiver(a, a.organization_id);
    case storage::Box::outbox:
      return core::can_act_as_sender(a, a.organization_id) ||
             core::acts_for(a, core::Role::org_admin, a.organization_id);
    case storage::Box::review: return core::can_review_vital_interest(a, a.organization_id);
  }
  return false;
}

std::string list_cursor(const storage::ListPosition& p) {
  if (p.overdue) return "1:" + std::to_string(p.due) + ":" + std::to_string(p.seq);
  return "0:" + std::to_string(p.seq);
}

std::optional<storage::ListPosition> parse_list_cursor(std::string_view text) {
  if (text.size() < 3 || text[1] != ':' || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  storage::ListPosition p;
  p.overdue = text[0] == '1';
  text.remove_prefix(2);
  if (p.overdue) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    auto due = parse_seq(text.substr(0, colon));
    if (!due) return std::nullopt;
    p.due = *due;
    text.remove_prefix(colon + 1);
  }
  auto seq = parse_seq(text);
  if (!seq) return std::nullopt;
  p.seq = *seq;
  return p;
}

asio::awaitable<core::Result<std::vector<storage::ListedReferral>>> read_referral_rows(
    Request& req, storage::ReferralListQuery q) {
  // A read on the pool: overdue-first order is computed from the deadlines, and the notices are
  // the overdue scanner's job, so the page itself never holds up the writer.
  auto read = [q = std::move(q), actor = req.caller(),
               now = req.now](storage::ReadTxn& tx) -> core::Result<std::vector<storage::ListedReferral>> {
    return storage::ReferralRepository::list(tx, actor, q, now);
  };
  co_return co_await db_read(req.app->db, std::move(read));
}

namespace {

// The page shows a referral whose overdue notice (first or reminder) or expiry is due.
bool shows_follow_up_due(const std::vector<storage::ListedReferral>& rows,
                         const core::FollowUpRules& rules, core::Timestamp now) {
  for (const auto& l : rows) {
    const auto& r = l.referral;
    if (core::notice_due(rules, r.status, r.respond_by, r.outcome_by, r.overdue_notified_at, now) ||
        core::expiry_due(rules, r.status, r.respond_by, now))
      return true;
  }
  return false;
}

}  // namespace

asio::awaitable<core::Result<bool>> audit_referral_page(
    Request& req, const std::vector<storage::ListedReferral>& rows, int limit) {
  // The page shows snapshots: one event naming the referrals shown, committed before the reply
  // (a small job the writer batches with others).
  auto ids =
      core::shown_ids(rows, limit, [](const storage::ListedReferral& l) { return l.referral.id; });
  auto record = audit_job(req, [ids = std::move(ids)](core::AuditTrail& audit) {
    core::record_referral_page(audit, ids);
  });
  auto audited = co_await db_write(req.app->db, std::move(record));
  if (!audited) co_return audited;
  // Whoever sees an overdue referral should not have to wait for the next periodic scan for
  // its notice to reach the other side (PRODUCT.md: referrals must not go quiet).
  App& app = *req.app;
  if (app.overdue_scanner && shows_follow_up_due(rows, follow_up_rules(app.config), req.now))
    app.overdue_scanner->nudge();
  co_return true;
}

}  // namespace enlace::gateway
