// The body of a page of referrals (inbox, outbox, review: GET /referrals), written with every
// JSON value of the page in one arena: the same bytes as page_json over referral_json, with
// a few large allocations instead of thousands of small ones on the I/O thread.
#pragma once

#include "core/referral_list.hpp"
#include "core/time.hpp"

#include <string>
#include <vector>

namespace enlace::gateway {

// {"items": [...], "next_cursor": ... | null}: `rows` hold one more than `limit` when there is
// a next page, which then starts at `next` (the use case's text of where it resumes).
std::string referral_page_json(const std::vector<core::ListedReferral>& rows, int limit,
                               const std::string& next, core::Timestamp now);

}  // namespace enlace::gateway
