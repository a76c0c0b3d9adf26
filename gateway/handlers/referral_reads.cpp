// Reads of referrals shared by the JSON API and FHIR: see referral_reads.hpp.
#include "gateway/handlers/referral_reads.hpp"

#include "core/access_policy.hpp"
#include "gateway/app.hpp"
#include "gateway/audit_refusal.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/listing_audit.hpp"
#include "gateway/handlers/referral_common.hpp"
#include "gateway/live_events.hpp"
#include "gateway/responses.hpp"
#include "storage/audit_log.hpp"

namespace enlace::gateway {

namespace asio = boost::asio;

asio::awaitable<ReferralReadOutcome> read_one_referral(Request& req, std::string id) {
  App& app = *req.app;
  if (!takes_part_in_referrals(req.caller())) {
    core::Error denied = core::Error::forbidden();
    auto refused =
        co_await refuse(req, std::move(denied), "referral.read", "referral", std::move(id));
    co_return ReferralReadOutcome{std::nullopt, std::move(refused)};
  }
  auto ctx = audit_context(req);
  // A write, so the read's audit event is durable before the reply.
  auto apply = [ctx, actor = req.caller(),
                id](storage::WriteTxn& tx) -> core::Result<Refusable<ReferralRead>> {
    auto found = storage::ReferralRepository::find_for_update(tx, actor, id);
    if (!found) {
      storage::append_audit(tx, ctx.event("referral.read", "referral", id, "not_found"));
      return Refusable<ReferralRead>::refuse(found.error());
    }
    storage::append_audit(tx, ctx.event("referral.read", "referral", id));
    auto history = storage::ReferralRepository::history(tx, *found);
    return Refusable<ReferralRead>{ReferralRead{std::move(*found), std::move(history)},
                                   std::nullopt};
  };
  auto done = co_await db_write(app.db, std::move(apply));
  if (!done) co_return ReferralReadOutcome{std::nullopt, problem(req, done.error())};
  if (done->refused)
    co_return ReferralReadOutcome{std::nullopt, audited_refusal(req, *done->refused)};
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

std::string listing_key(const storage::ListedReferral& l) {
  return std::string(l.overdue ? "1:" : "0:") + std::to_string(l.seq);
}

std::optional<std::pair<bool, std::int64_t>> parse_listing_key(std::string_view key) {
  if (key.size() < 3 || (key[0] != '0' && key[0] != '1') || key[1] != ':') return std::nullopt;
  auto seq = parse_seq(key.substr(2));
  if (!seq) return std::nullopt;
  return std::make_pair(key[0] == '1', *seq);
}

asio::awaitable<core::Result<std::vector<storage::ListedReferral>>> read_referral_rows(
    Request& req, storage::ReferralListQuery q) {
  // A read on the pool: overdue-first order is computed from respond_by, and the notices are
  // the overdue scanner's job, so the page itself never holds up the writer.
  auto read = [q = std::move(q), actor = req.caller(),
               now = req.now](storage::ReadTxn& tx) -> core::Result<std::vector<storage::ListedReferral>> {
    return storage::ReferralRepository::list(tx, actor, q, now);
  };
  co_return co_await db_read(req.app->db, std::move(read));
}

namespace {

// The page shows a referral that is overdue but whose notice has not gone out yet.
bool shows_pending_notice(const std::vector<storage::ListedReferral>& rows) {
  for (const auto& l : rows)
    if (l.overdue && !l.referral.overdue_notified_at) return true;
  return false;
}

}  // namespace

asio::awaitable<core::Result<bool>> audit_referral_page(
    Request& req, const std::vector<storage::ListedReferral>& rows, int limit) {
  // The page shows snapshots: one event naming the referrals shown, committed before the reply
  // (a small job the writer batches with others).
  auto ids = shown_ids(rows, limit, [](const storage::ListedReferral& l) { return l.referral.id; });
  auto audited = co_await audit_listing(req, "referral.list", "referral", std::move(ids));
  if (!audited) co_return audited;
  // Whoever sees an overdue referral should not have to wait for the next periodic scan for
  // its notice to reach the other side (PRODUCT.md: referrals must not go quiet).
  App& app = *req.app;
  if (app.overdue_scanner && shows_pending_notice(rows)) app.overdue_scanner->nudge();
  co_return true;
}

}  // namespace enlace::gateway
