// The use cases' ports as a command builds them (`enlace user add`, `init --demo`, `stats
// gaps`): from one write unit of the command's own (storage/one_off_unit.hpp), each operation
// audited as the origin it is given, or from one read unit. A command runs no
// event hub: what a server publishes after COMMIT (live events, their mails) has no listener
// here, and a referral a command sends gets no tracking code, since nobody would be there to
// hand its PIN to the person.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/account_store.hpp"
#include "core/ports/referral_notices.hpp"
#include "core/ports/units_of_work.hpp"
#include "core/role.hpp"
#include "core/use_cases/account_ports.hpp"
#include "core/use_cases/directory_ports.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/register_case.hpp"
#include "gateway/account_ports.hpp"
#include "storage/one_off_unit.hpp"

#include <stdexcept>
#include <string>

namespace enlace::gateway {

// The actor a command acts as where a use case asks for a system administrator (creating
// accounts, the network's territories and organisations); its events say "cli" (cli_context).
core::Actor command_actor();

// A command takes no guesses: there is no attempt to count.
class NoAttemptFailures final : public core::AttemptFailures {
 public:
  void record(core::Timestamp) override {}
  void forgive() override {}
};

// See the header comment: no tracking code, no respond link, no live event.
class CommandReferralNotices final : public core::ReferralNotices {
 public:
  core::IssuedTracking referral_sent(const std::string&, core::Timestamp) override { return {}; }
  std::optional<std::string> new_respond_link(const std::string&, core::Timestamp) override {
    return std::nullopt;
  }
  void referral_changed(const core::ReferralEvent&, core::Timestamp,
                        const std::string&) override {}
};

// Every use case's ports of one command's write unit. Each call gives ports whose events are
// audited as `origin`; they stay valid while the unit lives.
class CommandPorts {
 public:
  explicit CommandPorts(core::WriteUnit& unit) : unit_(unit) {}
  CommandPorts(const CommandPorts&) = delete;
  CommandPorts& operator=(const CommandPorts&) = delete;

  core::AuditTrail& audit(const core::AuditContext& origin) { return unit_.audit(origin); }
  core::CasePorts cases(const core::AuditContext& origin) { return {unit_.cases(), audit(origin)}; }
  core::ReferralPorts referrals(const core::AuditContext& origin) {
    return {unit_.referrals(), audit(origin), notices_};
  }
  core::DirectoryPorts directory(const core::AuditContext& origin) {
    return {unit_.directory(), audit(origin)};
  }
  // A command serves no event streams: its session endings end the rows only.
  core::AccountPorts accounts(const core::AuditContext& origin) {
    return {unit_.accounts(), audit(origin), unit_.session_endings(), failures_, credentials_};
  }

  // `init --demo`'s own: whether the database has any account yet, and the setting that says
  // it holds the demo network ("demo.seed", audited as `origin`).
  bool any_user();
  void mark_demo(const core::AuditContext& origin);

 private:
  core::WriteUnit& unit_;
  NoAttemptFailures failures_;
  TotpCredentials credentials_;
  CommandReferralNotices notices_;
};

// The database failed under a command (could not be opened, read or written); what() is the
// one-line reason, without a password.
struct CommandDatabaseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Runs `fn(CommandPorts&)` in one write unit on `db` (SQLite path or PostgreSQL URI),
// committed when its result converts to true, rolled back otherwise or when it throws
// (CommandDatabaseError when the database fails).
template <class F>
auto in_command_txn(const std::string& db, F fn) {
  try {
    return storage::in_write_unit(db, [&fn](core::WriteUnit& unit) {
      CommandPorts ports(unit);
      return fn(ports);
    });
  } catch (const storage::DbError& e) {
    throw CommandDatabaseError(e.message);
  }
}

// Runs `fn(core::ReadUnit&)` on one read snapshot of `db` and returns its result
// (CommandDatabaseError when the database fails).
template <class F>
auto in_command_read(const std::string& db, F fn) {
  try {
    return storage::in_read_unit(db, std::move(fn));
  } catch (const storage::DbError& e) {
    throw CommandDatabaseError(e.message);
  }
}

}  // namespace enlace::gateway
