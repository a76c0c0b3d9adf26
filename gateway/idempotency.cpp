// Idempotent writes: see idempotency.hpp.
#include "gateway/idempotency.hpp"

#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/log.hpp"
#include "gateway/port_jobs.hpp"
#include "gateway/random.hpp"
#include "gateway/responses.hpp"

namespace enlace::gateway {

bool IdempotencyInFlight::try_begin(const std::string& key) {
  std::lock_guard lock(mu_);
  return keys_.insert(key).second;
}

void IdempotencyInFlight::end(const std::string& key) {
  std::lock_guard lock(mu_);
  keys_.erase(key);
}

namespace {

// Ends the key's run however the handler leaves (answer, error or exception).
class InFlightRun {
 public:
  InFlightRun(IdempotencyInFlight& registry, std::string key)
      : registry_(registry), key_(std::move(key)) {}
  ~InFlightRun() { registry_.end(key_); }
  InFlightRun(const InFlightRun&) = delete;
  InFlightRun& operator=(const InFlightRun&) = delete;

 private:
  IdempotencyInFlight& registry_;
  std::string key_;
};

// The headers of an answer a client relies on; the rest (security headers, Cache-Control)
// the dispatcher adds to every answer, the replay included.
bool kept_header(const std::string& name) {
  auto lower = name;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "location" || lower == "etag";
}

Response replayed(const core::KeptReply& kept) {
  Response res;
  res.status = kept.status;
  res.content_type = kept.content_type;
  res.body = kept.body;
  res.personal_data = kept.personal_data;
  for (const auto& [name, value] : kept.headers) res.set(name, value);
  return res;
}

}  // namespace

core::Error idempotency_key_in_use() {
  return core::Error::conflict("idempotency-key-in-use",
                               "A request with this Idempotency-Key is still running; "
                               "try again once it has answered.");
}

bool keep_reply_in(core::WriteUnit& unit, const IdempotentRequest& idem, const Response& reply) {
  core::KeptReply kept;
  kept.body_hash = idem.body_hash;
  kept.status = reply.status;
  kept.content_type = reply.content_type;
  kept.body = reply.body;
  kept.personal_data = reply.personal_data;
  for (const auto& h : reply.headers)
    if (kept_header(h.first)) kept.headers.push_back(h);
  return unit.idempotency().keep_reply(idem.scope, kept, idem.now,
                                       core::idempotency_oldest_kept(idem.now));
}

boost::asio::awaitable<Response> run_idempotent(Request& req, const Handler& handler) {
  auto header = req.header("idempotency-key");
  if (!header || !req.actor) co_return co_await handler(req);
  if (!core::valid_idempotency_key(*header))
    co_return problem(req, 400, "malformed-request", "",
                      "Idempotency-Key must be 1 to 255 printable ASCII characters.");
  App& app = *req.app;
  auto idem = std::make_shared<IdempotentRequest>();
  idem->scope = {req.caller().user_id, req.method + " " + req.path, std::string(*header)};
  idem->body_hash = sha256(req.body);
  idem->now = req.now;

  std::string flight = idem->scope.user_id + '\n' + idem->scope.endpoint + '\n' + idem->scope.key;
  if (!app.idempotency_in_flight.try_begin(flight)) co_return problem(req, idempotency_key_in_use());
  InFlightRun run(app.idempotency_in_flight, flight);

  auto lookup = read_on(
      &core::ReadUnit::idempotency,
      [scope = idem->scope, oldest = core::idempotency_oldest_kept(req.now)](
          core::IdempotencyReader& kept) -> core::Result<std::optional<core::KeptReply>> {
        return kept.kept_reply(scope, oldest);
      });
  auto found = co_await db_read(app.db, std::move(lookup));
  if (!found) co_return problem(req, found.error());
  if (*found) {
    if ((**found).body_hash != idem->body_hash)
      co_return problem(req, 422, "idempotency-key-reuse", "",
                        "This Idempotency-Key was used with a different body.");
    // A replay changes nothing and shows the caller only what they were shown the first
    // time, which that request's audit event records; so it writes no event of its own.
    req.audit.states_nothing();
    log_event(LogLevel::info, "idempotent_replay",
              {{"request_id", req.request_id}, {"route", req.route}, {"status", (**found).status}});
    co_return replayed(**found);
  }

  req.idempotency = idem;
  Response res = co_await handler(req);
  if (!idem->kept.load(std::memory_order_acquire) && core::idempotent_reply_kept(res.status)) {
    // An answer that wrote nothing the key protects (a refusal, a 412, a 422...): kept on
    // its own. Were this lost, a repeat would be checked again and change nothing either.
    auto keep = [idem, res](core::WriteUnit& unit) -> core::Result<bool> {
      return keep_reply_in(unit, *idem, res);  // false: another process's first request kept it
    };
    auto kept = co_await db_write(app.db, std::move(keep));
    if (!kept)
      log_event(LogLevel::warn, "idempotency_key_not_kept",
                {{"request_id", req.request_id}, {"route", req.route}});
  }
  co_return res;
}

}  // namespace enlace::gateway
