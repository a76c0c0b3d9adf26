// Idempotent writes (API.md, "Offline sync: idempotent writes"): one mechanism for the routes
// added with `idempotent = true`. The dispatcher runs them through run_idempotent(), which
// replays a kept answer before any other check; the handler's main write goes through
// keep_reply(), which keeps the answer in the same transaction as the write it protects.
#pragma once

#include "core/idempotency.hpp"
#include "core/ports/idempotency_store.hpp"
#include "core/ports/units_of_work.hpp"
#include "core/result.hpp"
#include "gateway/http_types.hpp"
#include "gateway/router.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace enlace::gateway {

// A request that carries a valid key (Request::idempotency).
struct IdempotentRequest {
  core::IdempotencyScope scope;
  std::string body_hash;
  core::Timestamp now{};
  // Set on the writer thread when keep_reply() kept the answer in the write's transaction;
  // read by the request's coroutine after that write resumed it.
  std::atomic<bool> kept{false};
};

// The keys whose first request is still running, in this process. With one process and its
// single writer this is what "still running" means. Where several processes share a PostgreSQL
// database, a repeat that reaches another process while the first still runs is refused by the
// key's row instead: the two writes race to keep the answer, the second one's keep() finds
// the key taken and its whole write rolls back with the same 409 (keep_reply).
class IdempotencyInFlight {
 public:
  bool try_begin(const std::string& key);  // false: already running
  void end(const std::string& key);

 private:
  std::mutex mu_;
  std::set<std::string> keys_;
};

// The dispatcher's side: validate the key, answer a repeat from what was kept (422 for a
// different body, 409 while the first is running), else run the handler and keep its answer
// if keep_reply() did not already.
boost::asio::awaitable<Response> run_idempotent(Request& req, const Handler& handler);

// Keeps `reply` for the request's key in `unit`'s transaction (writer thread). False when the key
// was kept already, by another process's first request (see IdempotencyInFlight).
[[nodiscard]] bool keep_reply_in(core::WriteUnit& unit, const IdempotentRequest& idem,
                                 const Response& reply);

// The 409 of a repeat while the first request still runs.
core::Error idempotency_key_in_use();

// Wraps a handler's write: `apply(unit)` as before; then, when the request has a key and
// `render(result)` gives the answer (nullopt for one that is not the write's, such as a
// refusal), that answer is kept in the same transaction. `render` must be pure: the handler
// calls it again on the result to answer.
template <class F, class R>
auto keep_reply(const Request& req, F apply, R render) {
  return [apply = std::move(apply), render = std::move(render),
          idem = req.idempotency](core::WriteUnit& unit) mutable {
    auto result = apply(unit);
    if (idem && result) {
      std::optional<Response> reply = render(*result);
      if (reply && core::idempotent_reply_kept(reply->status)) {
        // The key is another process's: this write must not happen twice.
        if (!keep_reply_in(unit, *idem, *reply)) return decltype(result)(idempotency_key_in_use());
        idem->kept.store(true, std::memory_order_release);
      }
    }
    return result;
  };
}

}  // namespace enlace::gateway
