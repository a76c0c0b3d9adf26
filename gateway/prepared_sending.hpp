// Sending a referral prepared before its write (core/use_cases/send_referral.hpp): on a
// read-pool thread, the reads and the decision of core's prepare step, and the tracking code
// and PIN drawn with the PIN's hash. The single writer then only checks that what sending
// relied on is unchanged and inserts; the write decides everything itself when nothing was
// prepared or the check fails, so the outcome never depends on this step.
#pragma once

#include "core/ports/units_of_work.hpp"
#include "core/use_cases/send_referral.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/person_view_secrets.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <utility>

namespace enlace::gateway {

struct PreparedSend {
  std::optional<core::PreparedSending> sending;
  std::optional<DrawnTracking> tracking;  // drawn when sending was prepared
};

// `decide(core::SendingReads&) -> std::optional<core::PreparedSending>` (a use case's prepare
// step). Nothing is prepared when it decides nothing or the read fails.
template <class Decide>
boost::asio::awaitable<PreparedSend> prepare_sending(App& app, Decide decide) {
  auto job = [decide = std::move(decide)](core::ReadUnit& unit) -> core::Result<PreparedSend> {
    PreparedSend p;
    p.sending = decide(unit.sending());
    if (p.sending) p.tracking = draw_tracking();
    return p;
  };
  auto done = co_await db_read(app.db, std::move(job));
  if (!done) co_return PreparedSend{};
  co_return std::move(*done);
}

}  // namespace enlace::gateway
