// Signing in (API.md, Authentication), in the order it runs: the account the username names
// (read pool), the password checked against its hash (the gateway's hasher, off the writer;
// an unknown username is checked against a dummy hash so that it costs the same), what the
// attempt then is (judge_sign_in: pure), and its write (sign_in: the session, or the refusal's
// event and failure count). The gateway's limiter reserves the attempt before all this.
#pragma once

#include "core/account.hpp"
#include "core/ports/account_store.hpp"
#include "core/ports/audit_trail.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::core {

enum class SignInOutcome {
  refused,                 // unknown user, wrong password or deactivated account: one answer
  password_expired,        // the right one-time password, too late
  second_factor_required,  // two-factor is on and no code came: nothing is written
  second_factor_wrong,     // a wrong, reused or spent code: a failure like a wrong password
  accepted,
};

struct SignInVerdict {
  SignInOutcome outcome = SignInOutcome::refused;
  // Which second factor matched, provisionally: the write spends it, atomically with
  // creating the session (a replay racing this attempt finds it spent).
  std::optional<std::int64_t> totp_step;
  std::optional<std::string> recovery_code_hash;
};

// The account `username` names, when there is one.
std::optional<LoginRecord> find_sign_in(AccountReader& reader, const std::string& username);

// What the attempt is, once the password was checked (`password_matches`; false for an
// unknown user). `second_factor`: the body's "totp", a TOTP code or a recovery code.
SignInVerdict judge_sign_in(const std::optional<LoginRecord>& found, bool password_matches,
                            const std::optional<std::string>& second_factor, Timestamp now,
                            Credentials& credentials);

// The write of a sign-in. `attempt` records as the attempt (the account it named, if any,
// and nothing of its roles); `audit` as the account signed in (its organisation and roles).
struct SignInPorts {
  AccountStore& store;
  AuditTrail& attempt;
  AuditTrail& audit;
  AttemptFailures& failures;
};

// On the writer. refused and second_factor_wrong record "auth.login" failed and count the
// failure; password_expired records "auth.login" expired (no failure: only the holder of the
// right password gets there); accepted spends the second factor (a spent or replayed one turns
// into second_factor_wrong), records "auth.recovery_code_used" for a recovery code, inserts
// `session`, stores `rehashed` (the password at new cost settings, when the gateway made one)
// and records "auth.login" on the session, forgiving the failures. Returns the outcome;
// a refusal's event commits. second_factor_required writes nothing: do not call it for that.
Result<SignInOutcome> sign_in(const SignInPorts& ports, const SignInVerdict& verdict,
                              const std::optional<LoginRecord>& found, const NewSession& session,
                              const std::optional<std::string>& rehashed, Timestamp now);

}  // namespace enlace::core
