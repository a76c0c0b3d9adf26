// The reads of referrals that more than one view renders (the JSON API and FHIR R4): one
// referral with its history, and a page of a box (or of both, FHIR's search). Each commits its
// audit event before the view answers, and neither changes the referral (a read is never a
// "received").
#pragma once

#include "core/audit_event.hpp"
#include "core/role.hpp"
#include "core/use_cases/list_referrals.hpp"
#include "core/use_cases/read_referral.hpp"
#include "gateway/http_types.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace enlace::gateway {

using core::ReferralRead;  // core/use_cases/read_referral.hpp

// Either the read or the refusal to answer (problem+json, its audit event already written).
struct ReferralReadOutcome {
  std::optional<ReferralRead> read;
  std::optional<Response> refusal;
};

// The referral `id` as the caller sees it (GET /api/v1/referrals/{id}): 403 for roles that take
// no part in referrals, 404 for a referral the caller's side may not see; "referral.read".
boost::asio::awaitable<ReferralReadOutcome> read_one_referral(Request& req, std::string id);
// The same read for an actor the caller has already established (a signed-in party, or an
// external organisation through its respond link), audited with `ctx`.
boost::asio::awaitable<ReferralReadOutcome> read_referral_for(Request& req, core::Actor actor,
                                                              core::AuditContext ctx, std::string id);

// A page of one box (core::list_referrals), and FHIR's Task search over both
// (core::search_referrals), read on the pool: a snapshot, never the writer. A refusal (a box
// the caller's roles may not use) is answered here, stated as "referral.list" so that its
// event is written after the handler; so is a failed read. Then the page's one
// "referral.list" event naming the rows shown, committed before the page is answered; it
// nudges the overdue scanner when the page shows a referral whose overdue notice (first or
// reminder) or expiry is due.
struct ReferralPageOutcome {
  std::optional<core::ReferralPage> page;
  std::optional<Response> refusal;
};
boost::asio::awaitable<ReferralPageOutcome> list_referral_page(Request& req,
                                                               core::ReferralListQuery query);
boost::asio::awaitable<ReferralPageOutcome> search_referral_page(Request& req,
                                                                 core::ReferralSearch search);

}  // namespace enlace::gateway
