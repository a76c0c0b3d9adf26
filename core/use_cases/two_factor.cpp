// Two-factor enrolment: see two_factor.hpp.
#include "core/use_cases/two_factor.hpp"

namespace enlace::core {

Result<TwoFactorEnrolment> start_two_factor(const AccountPorts& ports, const Actor& actor,
                                            Timestamp now) {
  auto user = ports.store.login_of(actor.user_id);
  if (!user) return Error::not_found("user");
  std::string secret = ports.credentials.new_totp_secret();
  auto started = ports.store.start_two_factor(actor.user_id, secret, now);
  if (!started) return started.error();
  ports.audit.record("auth.totp_enrolment_started", "user", actor.user_id);
  return TwoFactorEnrolment{std::move(secret), user->user.username};
}

Result<Refusable<std::vector<std::string>>> confirm_two_factor(const AccountPorts& ports,
                                                               const Actor& actor,
                                                               const std::string& code,
                                                               Timestamp now) {
  const std::string& user_id = actor.user_id;
  auto state = ports.store.two_factor(user_id);
  if (!state) return Error::not_found("user");
  if (state->enabled)
    return Error::conflict("totp-already-enabled", "Two-factor sign-in is already on.");
  if (!state->secret)
    return Error::conflict("totp-not-started", "Start enrolment with POST /api/v1/me/totp first.");
  auto step = ports.credentials.match_totp(*state->secret, code, now, state->last_step);
  if (!step) {
    ports.audit.record("auth.totp_enabled", "user", user_id, "failed");
    ports.failures.record(now);
    return Refusable<std::vector<std::string>>::refuse(Error::invalid_field(
        "code", "does not match: check the time on your device and retry"));
  }
  auto codes = ports.credentials.new_recovery_codes();
  std::vector<std::string> hashes;
  for (const auto& c : codes) {
    auto hash = ports.credentials.recovery_code_hash(user_id, c);
    if (!hash) return Error::internal("a new recovery code that cannot be one");
    hashes.push_back(std::move(*hash));
  }
  ports.store.enable_two_factor(user_id, *step, hashes, now);
  ports.failures.forgive();
  ports.audit.record("auth.totp_enabled", "user", user_id);
  return Refusable<std::vector<std::string>>{std::move(codes), std::nullopt};
}

}  // namespace enlace::core
