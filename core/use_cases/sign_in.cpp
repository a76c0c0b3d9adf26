// Signing in: see sign_in.hpp.
#include "core/use_cases/sign_in.hpp"

namespace enlace::core {

std::optional<LoginRecord> find_sign_in(AccountReader& reader, const std::string& username) {
  return reader.login_by_name(username);
}

SignInVerdict judge_sign_in(const std::optional<LoginRecord>& found, bool password_matches,
                            const std::optional<std::string>& second_factor, Timestamp now,
                            Credentials& credentials) {
  SignInVerdict v;
  if (!found || !password_matches || !found->user.active) return v;  // refused
  if (found->password_expires_at && now >= *found->password_expires_at) {
    v.outcome = SignInOutcome::password_expired;
    return v;
  }
  if (found->user.totp_enabled) {
    if (!second_factor || second_factor->empty()) {
      v.outcome = SignInOutcome::second_factor_required;
      return v;
    }
    if (credentials.looks_like_totp(*second_factor)) {
      if (found->totp_secret)
        v.totp_step = credentials.match_totp(*found->totp_secret, *second_factor, now,
                                             found->totp_last_step);
    } else {
      v.recovery_code_hash = credentials.recovery_code_hash(found->user.id, *second_factor);
    }
    if (!v.totp_step && !v.recovery_code_hash) {
      v.outcome = SignInOutcome::second_factor_wrong;
      return v;
    }
  }
  v.outcome = SignInOutcome::accepted;
  return v;
}

namespace {

SignInOutcome failed(const SignInPorts& ports, SignInOutcome outcome, Timestamp now) {
  ports.attempt.record("auth.login", "session", "", "failed");
  ports.failures.record(now);
  return outcome;
}

}  // namespace

Result<SignInOutcome> sign_in(const SignInPorts& ports, const SignInVerdict& verdict,
                              const std::optional<LoginRecord>& found, const NewSession& session,
                              const std::optional<std::string>& rehashed, Timestamp now) {
  switch (verdict.outcome) {
    case SignInOutcome::refused:
    case SignInOutcome::second_factor_wrong:
      return failed(ports, verdict.outcome, now);
    case SignInOutcome::password_expired:
      ports.attempt.record("auth.login", "session", "", "expired");
      return verdict.outcome;
    case SignInOutcome::second_factor_required:
      return Error::internal("a sign-in without its second factor writes nothing");
    case SignInOutcome::accepted:
      break;
  }
  if (!found) return Error::internal("an accepted sign-in names an account");
  const std::string& user_id = found->user.id;
  if (verdict.totp_step && !ports.store.use_totp_step(user_id, *verdict.totp_step))
    return failed(ports, SignInOutcome::second_factor_wrong, now);
  if (verdict.recovery_code_hash &&
      !ports.store.use_recovery_code(user_id, *verdict.recovery_code_hash, now))
    return failed(ports, SignInOutcome::second_factor_wrong, now);
  if (verdict.recovery_code_hash) ports.audit.record("auth.recovery_code_used", "user", user_id);
  ports.store.insert_session(session);
  if (rehashed) ports.store.rehash_password(user_id, *rehashed);
  ports.audit.record("auth.login", "session", session.id);
  ports.failures.forgive();
  return SignInOutcome::accepted;
}

}  // namespace enlace::core
