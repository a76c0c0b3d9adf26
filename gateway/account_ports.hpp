// The account use cases' ports as the gateway builds them (core/use_cases/account_ports.hpp,
// sign_in.hpp): inside a db_write job (writer thread, one transaction) the unit's store, the
// request's audit trail (request_audit_trail.hpp), the unit's session endings (the rows, then the
// streams after COMMIT), the attempt's shared failure counts (shared_failures.hpp) and the second
// factor's secrets (totp.hpp); inside a db_read job the unit's reader. Password hashing stays out
// of the jobs: the handlers await the hasher before or after them, never on the writer.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/account_store.hpp"
#include "core/ports/units_of_work.hpp"
#include "core/use_cases/account_ports.hpp"
#include "core/use_cases/sign_in.hpp"
#include "gateway/app.hpp"
#include "gateway/directory_ports.hpp"
#include "gateway/request_audit_trail.hpp"
#include "gateway/shared_failures.hpp"

#include <optional>
#include <utility>

namespace enlace::gateway {

// TOTP (RFC 6238) and recovery codes, gateway/totp.hpp.
class TotpCredentials final : public core::Credentials {
 public:
  std::string new_totp_secret() override;
  std::optional<std::int64_t> match_totp(const std::string& secret_base32,
                                         const std::string& code, core::Timestamp now,
                                         std::int64_t last_used_step) override;
  bool looks_like_totp(const std::string& text) override;
  std::vector<std::string> new_recovery_codes() override;
  std::optional<std::string> recovery_code_hash(const std::string& user_id,
                                                const std::string& text) override;
};

// The attempt's failures in the shared counts (SharedFailures::record/clear in the job's
// unit); nothing for an operation that limits no guesses.
class WriterAttemptFailures final : public core::AttemptFailures {
 public:
  WriterAttemptFailures(core::WriteUnit& unit, const std::optional<SharedFailures>& shared)
      : unit_(unit), shared_(shared) {}
  void record(core::Timestamp now) override {
    if (shared_) shared_->record(unit_, now);
  }
  void forgive() override {
    if (shared_) shared_->clear(unit_);
  }

 private:
  core::WriteUnit& unit_;
  const std::optional<SharedFailures>& shared_;
};

// The db_write job that runs `use_case(ports, now)` on the account ports of the job's unit, audited
// as `req` (who, from where, when); `shared`: the attempt's failure counts, when the operation
// limits guesses. It holds no rule and no JSON.
template <class UseCase>
auto account_job(Request& req, UseCase use_case,
                 std::optional<SharedFailures> shared = std::nullopt) {
  return [use_case = std::move(use_case), ctx = audit_context(req), shared = std::move(shared),
          &hub = req.app->events, &request_audit = req.audit](core::WriteUnit& unit) {
    RequestAuditTrail audit(unit, ctx, request_audit);
    WriterAttemptFailures failures(unit, shared);
    TotpCredentials credentials;
    return use_case(core::AccountPorts{unit.accounts(), audit, unit.session_endings(hub),
                                       failures, credentials},
                    ctx.at);
  };
}

// The db_read job that calls `use_case(reader)` on the unit's account reader.
template <class UseCase>
auto account_read(UseCase use_case) {
  return read_on(&core::ReadUnit::accounts, std::move(use_case));
}

// The db_write job of a sign-in (core::sign_in): the attempt is recorded as the account it
// named (`found`'s id, nothing of its roles: the request has no caller yet), the session as
// that account.
template <class UseCase>
auto sign_in_job(Request& req, const std::optional<core::LoginRecord>& found,
                 SharedFailures shared, UseCase use_case) {
  core::AuditContext attempt = audit_context(req);
  attempt.actor_user = found ? found->user.id : std::string();
  core::AuditContext signed_in = attempt;
  if (found) {
    signed_in.organization = found->user.organization_id;
    signed_in.role = core::roles_text(found->user.roles);
  }
  return [use_case = std::move(use_case), attempt = std::move(attempt),
          signed_in = std::move(signed_in), shared = std::optional<SharedFailures>(std::move(shared)),
          &request_audit = req.audit](core::WriteUnit& unit) {
    RequestAuditTrail attempt_trail(unit, attempt, request_audit);
    RequestAuditTrail audit(unit, signed_in, request_audit);
    WriterAttemptFailures failures(unit, shared);
    return use_case(core::SignInPorts{unit.accounts(), attempt_trail, audit, failures},
                    attempt.at);
  };
}

}  // namespace enlace::gateway
