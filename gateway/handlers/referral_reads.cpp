// Reads of referrals shared by the JSON API and FHIR: see referral_reads.hpp.
#include "gateway/handlers/referral_reads.hpp"

#include "core/follow_up.hpp"
#include "core/use_cases/referral_pages.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/referral_common.hpp"
#include "gateway/live_events.hpp"
#include "gateway/request_audit_trail.hpp"
#include "gateway/responses.hpp"
#include "gateway/use_case_jobs.hpp"

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
  auto read = [actor = std::move(actor), id = std::move(id)](const core::ReferralPorts& ports,
                                                              core::Timestamp) {
    return core::read_referral(ports, actor, id);
  };
  auto apply = referral_job(std::move(ctx), req.audit, app.events, std::move(read));
  auto done = co_await db_write(app.db, std::move(apply));
  if (!done) co_return ReferralReadOutcome{std::nullopt, problem(req, done.error())};
  if (done->refused)
    co_return ReferralReadOutcome{std::nullopt, problem(req, *done->refused)};
  co_return ReferralReadOutcome{std::move(*done->value), std::nullopt};
}

namespace {

// The page shows a referral whose overdue notice (first or reminder) or expiry is due.
bool shows_follow_up_due(const std::vector<core::ListedReferral>& rows,
                         const core::FollowUpRules& rules, core::Timestamp now) {
  for (const auto& l : rows) {
    const auto& r = l.referral;
    if (core::notice_due(rules, r.status, r.respond_by, r.outcome_by, r.overdue_notified_at, now) ||
        core::expiry_due(rules, r.status, r.respond_by, now))
      return true;
  }
  return false;
}

// Reads the page `list(reader, actor, now)` makes on the pool, then writes its event.
template <class List>
asio::awaitable<ReferralPageOutcome> referral_page(Request& req, List list) {
  // A read on the pool: overdue-first order is computed from the deadlines, and the notices are
  // the overdue scanner's job, so the page itself never holds up the writer.
  auto read = referral_read([list = std::move(list), actor = req.caller(), now = req.now](
                                core::ReferralReader& reader) -> core::Result<core::ReferralPage> {
    return list(reader, actor, now);
  });
  auto page = co_await db_read(req.app->db, std::move(read));
  if (!page)
    co_return ReferralPageOutcome{std::nullopt,
                                  refuse(req, page.error(), "referral.list", "referral", "")};
  // The page shows snapshots: one event naming the referrals shown, committed before the reply
  // (a small job the writer batches with others).
  auto record = audit_job(req, [shown = page->shown](core::AuditTrail& audit) {
    core::record_referral_page(audit, shown);
  });
  auto audited = co_await db_write(req.app->db, std::move(record));
  if (!audited) co_return ReferralPageOutcome{std::nullopt, problem(req, audited.error())};
  // Whoever sees an overdue referral should not have to wait for the next periodic scan for
  // its notice to reach the other side (PRODUCT.md: referrals must not go quiet).
  App& app = *req.app;
  if (app.overdue_scanner && shows_follow_up_due(page->rows, follow_up_rules(app.config), req.now))
    app.overdue_scanner->nudge();
  co_return ReferralPageOutcome{std::move(*page), std::nullopt};
}

}  // namespace

asio::awaitable<ReferralPageOutcome> list_referral_page(Request& req,
                                                        core::ReferralListQuery query) {
  auto list = [query = std::move(query)](core::ReferralReader& reader, const core::Actor& actor,
                                         core::Timestamp now) {
    return core::list_referrals(reader, actor, query, now);
  };
  co_return co_await referral_page(req, std::move(list));
}

asio::awaitable<ReferralPageOutcome> search_referral_page(Request& req,
                                                          core::ReferralSearch search) {
  auto list = [search = std::move(search)](core::ReferralReader& reader,
                                           const core::Actor& actor, core::Timestamp now) {
    return core::search_referrals(reader, actor, search, now);
  };
  co_return co_await referral_page(req, std::move(list));
}

}  // namespace enlace::gateway
