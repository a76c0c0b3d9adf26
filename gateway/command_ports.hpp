// The use cases' ports as a command builds them (`enlace user add`, `init --demo`, `stats
// gaps`): over one write transaction of the command's own (storage/one_off_txn.hpp), each
// operation audited as the origin it is given, or over one read snapshot. A command runs no
// event hub: what a server publishes after COMMIT (live events, their mails) has no listener
// here, and a referral a command sends gets no tracking code, since nobody would be there to
// hand its PIN to the person.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/account_store.hpp"
#include "core/ports/referral_notices.hpp"
#include "core/role.hpp"
#include "core/use_cases/account_ports.hpp"
#include "core/use_cases/directory_ports.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/register_case.hpp"
#include "gateway/account_ports.hpp"
#include "storage/one_off_txn.hpp"
#include "storage/sql_account_store.hpp"
#include "storage/sql_directory_store.hpp"
#include "storage/sql_gap_report_reader.hpp"
#include "storage/sql_session_store.hpp"
#include "storage/sql_settings_store.hpp"
#include "storage/sql_audit_trail.hpp"
#include "storage/sql_case_store.hpp"
#include "storage/sql_referral_store.hpp"

#include <deque>
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

// Every use case's ports over one command transaction. Each call gives ports whose events
// are audited as `origin`; they stay valid while this object lives.
class CommandPorts {
 public:
  explicit CommandPorts(storage::WriteTxn& tx)
      : tx_(tx),
        cases_(tx),
        referrals_(tx),
        directory_(tx),
        accounts_(tx),
        settings_(tx),
        sessions_(tx) {}
  CommandPorts(const CommandPorts&) = delete;
  CommandPorts& operator=(const CommandPorts&) = delete;

  core::AuditTrail& audit(const core::AuditContext& origin) {
    return trails_.emplace_back(tx_, origin);
  }
  core::CasePorts cases(const core::AuditContext& origin) { return {cases_, audit(origin)}; }
  core::ReferralPorts referrals(const core::AuditContext& origin) {
    return {referrals_, audit(origin), notices_};
  }
  core::DirectoryPorts directory(const core::AuditContext& origin) {
    return {directory_, audit(origin)};
  }
  core::AccountPorts accounts(const core::AuditContext& origin) {
    return {accounts_, audit(origin), sessions_, failures_, credentials_};
  }

  // `init --demo`'s own: whether the database has any account yet, and the setting that says
  // it holds the demo network ("demo.seed", audited as `origin`).
  bool any_user();
  void mark_demo(const core::AuditContext& origin);

 private:
  storage::WriteTxn& tx_;
  storage::SqlCaseStore cases_;
  storage::SqlReferralStore referrals_;
  storage::SqlDirectoryStore directory_;
  storage::SqlAccountStore accounts_;
  storage::SqlSettingsStore settings_;
  storage::SqlSessionEndings sessions_;  // a command serves no event streams
  NoAttemptFailures failures_;
  TotpCredentials credentials_;
  CommandReferralNotices notices_;
  std::deque<storage::SqlAuditTrail> trails_;  // a deque: the references handed out hold
};

// The database failed under a command (could not be opened, read or written); what() is the
// one-line reason, without a password.
struct CommandDatabaseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Runs `fn(CommandPorts&)` in one write transaction on `db` (SQLite path or PostgreSQL URI),
// committed when its result converts to true, rolled back otherwise or when it throws
// (CommandDatabaseError when the database fails).
template <class F>
auto in_command_txn(const std::string& db, F fn) {
  try {
    return storage::in_write_txn(db, [&fn](storage::WriteTxn& tx) {
      CommandPorts ports(tx);
      return fn(ports);
    });
  } catch (const storage::DbError& e) {
    throw CommandDatabaseError(e.message);
  }
}

// The readers a command reads through, over one read snapshot.
class CommandReads {
 public:
  explicit CommandReads(storage::ReadTxn& tx) : gap_report_(tx) {}
  core::GapReportReader& gap_report() { return gap_report_; }

 private:
  storage::SqlGapReportReader gap_report_;
};

// Runs `fn(CommandReads&)` on one read snapshot of `db` and returns its result
// (CommandDatabaseError when the database fails).
template <class F>
auto in_command_read(const std::string& db, F fn) {
  try {
    return storage::in_read_txn(db, [&fn](storage::ReadTxn& tx) {
      CommandReads reads(tx);
      return fn(reads);
    });
  } catch (const storage::DbError& e) {
    throw CommandDatabaseError(e.message);
  }
}

}  // namespace enlace::gateway
