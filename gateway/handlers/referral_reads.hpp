// The reads of referrals that more than one view renders (the JSON API and FHIR R4): one
// referral with its history, and a page of a box. Each commits its audit event before the view
// answers, and neither changes the referral (a read is never a "received").
#pragma once

#include "core/audit_event.hpp"
#include "core/role.hpp"
#include "core/use_cases/read_referral.hpp"
#include "gateway/http_types.hpp"
#include "storage/referral_repository.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// The roles that may use this box: inbox (receiving side), outbox (sending side, or its
// org_admin), review (the sending org_admin).
bool may_list(const core::Actor& a, storage::Box box);

// A row's position in its box, the key inside a list cursor: "1:<due_at ms>:<seq>" in the
// overdue part, "0:<seq>" after it; and back (nullopt for anything this server did not make).
std::string list_cursor(const storage::ListPosition& p);
std::optional<storage::ListPosition> parse_list_cursor(std::string_view key);

// limit + 1 rows of a box on a read snapshot (the caller checked may_list).
boost::asio::awaitable<core::Result<std::vector<storage::ListedReferral>>> read_referral_rows(
    Request& req, storage::ReferralListQuery q);

// The page's one "referral.list" event naming the rows shown (the first `limit`), committed
// before the page is answered; nudges the overdue scanner when the page shows a referral whose
// overdue notice (first or reminder) or expiry is due. An error means the page must not be answered.
boost::asio::awaitable<core::Result<bool>> audit_referral_page(
    Request& req, const std::vector<storage::ListedReferral>& rows, int limit);

}  // namespace enlace::gateway
