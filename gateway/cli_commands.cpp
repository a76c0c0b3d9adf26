// Command implementations: see cli_commands.hpp.
#include "gateway/cli_commands.hpp"

#include "core/gap_report.hpp"
#include "core/gap_report_disclosure.hpp"
#include "core/password_policy.hpp"
#include "core/role.hpp"
#include "core/use_cases/accounts.hpp"
#include "core/use_cases/gap_report.hpp"
#include "core/use_cases/purge_closed_cases.hpp"
#include "gateway/clock.hpp"
#include "gateway/command_ports.hpp"
#include "gateway/demo_data.hpp"
#include "gateway/gap_report_format.hpp"
#include "gateway/password_hasher.hpp"
#include "gateway/random.hpp"

#include <boost/json/serialize.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace enlace::gateway {

namespace {

core::Timestamp system_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace

core::AuditContext cli_context(core::Timestamp now) {
  core::AuditContext ctx;
  ctx.actor_user = "cli";
  ctx.role = "operator";
  ctx.address = "local";
  ctx.at = now;
  return ctx;
}

bool schema_current(core::DatabaseMaintenance& maintenance, const std::string& db) {
  auto schema = maintenance.schema_state();
  if (schema && schema->current()) return true;
  if (!schema)
    std::cerr << "enlace: " << schema.error().detail << "\n";
  else
    std::cerr << "enlace: run `enlace init --db " << db << "` first\n";
  return false;
}

int run_init(core::DatabaseMaintenance& maintenance, const std::string& db, bool demo) {
  if (demo) {
    // Before migrating: a refused `init --demo` leaves the database exactly as it was.
    auto populated = maintenance.has_users();
    if (!populated) {
      std::cerr << "enlace: " << populated.error().detail << "\n";
      return 1;
    }
    if (*populated) {
      std::cerr << kDemoRefusal;
      return 1;
    }
  }
  auto m = maintenance.migrate();
  if (!m) {
    std::cerr << "enlace: " << m.error().detail << "\n";
    return 1;
  }
  if (m->from_version == m->to_version)
    std::cout << "database " << db << " is at schema version " << m->to_version << "\n";
  else
    std::cout << "database " << db << " migrated from schema version " << m->from_version << " to "
              << m->to_version << "\n";
  if (demo) {
    // Tests pin "now" for init as for serve, so the demo's dates line up with the server's.
    const char* test_clock = std::getenv("ENLACE_TEST_CLOCK_FILE");
    Clock clock(test_clock ? test_clock : "");
    return seed_demo(db, clock.now(), std::cout);
  }
  return 0;
}

int run_user_add(core::DatabaseMaintenance& maintenance, const UserAddArgs& a) {
  std::vector<core::Role> roles;
  bool needs_org = false;
  for (const auto& name : a.roles) {
    auto r = core::parse_role(name);
    if (!r) {
      std::cerr << "enlace: unknown role '" << name << "'\n";
      return 2;
    }
    needs_org = needs_org || core::role_needs_organization(*r);
    roles.push_back(*r);
  }
  if (needs_org && a.organization.empty()) {
    std::cerr << "enlace: --organization is required for role(s) other than system_admin and auditor\n";
    return 2;
  }
  if (a.username.empty() || a.username.size() > 100) {
    std::cerr << "enlace: --username must be 1 to 100 characters\n";
    return 2;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto ok = core::check_password(password, "password"); !ok) {
    std::cerr << "enlace: password " << ok.error().fields.items()[0].message << "\n";
    return 2;
  }
  if (!schema_current(maintenance, a.db)) return 1;
  PasswordHasher hasher(a.argon2, 1);
  auto now = system_now();
  core::NewUser u;
  u.id = new_id(now);
  u.username = a.username;
  u.display_name = a.display_name.empty() ? a.username : a.display_name;
  u.organization_id = a.organization;
  u.roles = roles;
  u.password_hash = hasher.hash_now(password);
  try {
    // The API's use case, as the system actor; the event "user.create" is the command's.
    auto r = in_command_txn(a.db, [&](CommandPorts& ports) {
      return core::create_user(ports.accounts(cli_context(now)), command_actor(), u, now);
    });
    if (!r) {
      const auto& e = r.error();
      std::cerr << "enlace: "
                << (e.fields.empty() ? e.detail : e.fields.items()[0].field + " " + e.fields.items()[0].message)
                << "\n";
      return 2;
    }
  } catch (const CommandDatabaseError& e) {
    std::cerr << "enlace: " << e.what() << "\n";
    return 1;
  }
  std::cout << u.id << "\n";
  return 0;
}

int run_audit_verify(core::DatabaseMaintenance& maintenance, const AuditVerifyArgs& a) {
  if (!a.expect_head.empty() && !core::is_audit_hash(a.expect_head)) {
    std::cerr << "enlace: --expect-head must be a head hash as printed by `enlace audit verify` "
                 "(64 lowercase hex digits)\n";
    return 2;
  }
  auto verified = maintenance.verify_audit_chain(a.expect_head);
  if (!verified) {
    std::cerr << "enlace: " << verified.error().detail << "\n";
    return 1;
  }
  const auto& report = *verified;
  if (!report.ok) {
    std::cout << "audit chain BROKEN at event " << *report.broken_seq << ": " << report.problem
              << " (" << report.events << " events verified before it)\n";
    return 1;
  }
  std::cout << "audit chain ok: " << report.events << " events, head " << report.head << "\n";
  if (report.keyed_from) {
    std::cout << "keyed: HMAC-SHA-256 with key id " << report.key_id << " from event "
              << *report.keyed_from;
    if (*report.keyed_from > 1) std::cout << " (the events before it are plain SHA-256, from before the key)";
    std::cout << "\n";
  } else {
    std::cout << "UNKEYED: plain SHA-256 (no encryption_key_file), which anyone who can write the "
                 "database can recompute after an edit; only --expect-head with a head recorded "
                 "elsewhere detects that\n";
  }
  return 0;
}

int run_backup(core::DatabaseMaintenance& maintenance, const BackupArgs& a) {
  // PostgreSQL: pg_dump's custom format of the snapshot verified (API.md "PostgreSQL").
  auto r = maintenance.backup(a.to);
  if (!r) {
    std::cerr << "enlace: " << r.error().detail << "\n";
    return 1;
  }
  const bool postgres = r->format == core::BackupReport::Format::pg_dump_custom;
  std::cout << "backup written to " << a.to << ": ";
  if (postgres)
    std::cout << "pg_dump custom format";
  else
    std::cout << r->pages << " pages";
  std::cout << ", audit chain ok with " << r->audit_events << " events, head " << r->audit_head
            << (!r->audit_keyed ? " (UNKEYED)"
                : r->keyed_links_checked ? " (keyed)"
                                         : " (keyed; without the key only its links were checked)")
            << (postgres ? "; keep this head and count with the backup\n"
                         : "; the head and count are recorded in the backup\n");
  return 0;
}

int run_restore(core::DatabaseMaintenance& maintenance, const RestoreArgs& a) {
  auto r = maintenance.restore(a.from);
  if (!r) {
    std::cerr << "enlace: " << r.error().detail << "\n";
    return 1;
  }
  std::cout << "restored " << a.db << " from " << a.from << ": audit chain ok with "
            << r->audit_events << " events, head " << r->audit_head << "\n";
  return 0;
}

int run_purge(core::DatabaseMaintenance& maintenance, const PurgeArgs& a) {
  // The same test clock the server honours, so retention is tested without waiting years.
  const char* test_clock = std::getenv("ENLACE_TEST_CLOCK_FILE");
  Clock clock(test_clock ? test_clock : "");
  if (clock.is_test_clock()) std::cerr << "enlace: WARNING: using the test clock\n";
  const auto now = clock.now();
  auto purge = [&](core::RetentionPorts ports) {
    return core::purge_closed_cases(ports, a.older_than_days, now);
  };
  auto r = maintenance.erase(purge, now);
  if (!r) {
    std::cerr << "enlace: " << r.error().detail << "\n";
    return 1;
  }
  std::cout << "purged " << *r << " case(s) closed more than " << a.older_than_days
            << " days ago\n";
  return 0;
}

int run_stats_gaps(core::DatabaseMaintenance& maintenance, const StatsGapsArgs& a) {
  auto given = [](const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
  };
  core::GapQueryDraft draft{given(a.from), given(a.to), given(a.territory), given(a.category), given(a.by)};
  auto complain = [](const core::Error& e) {
    std::cerr << "enlace: "
              << (e.fields.empty() ? e.detail
                                   : "--" + e.fields.items()[0].field + " " + e.fields.items()[0].message)
              << "\n";
  };
  // The test clock, as for purge: the overdue count depends on "now".
  const char* test_clock = std::getenv("ENLACE_TEST_CLOCK_FILE");
  auto now = Clock(test_clock ? test_clock : "").now();
  auto query = core::make_gap_query(draft, core::date_of(now));
  if (!query) return complain(query.error()), 2;
  if (!schema_current(maintenance, a.db)) return 1;
  try {
    // One snapshot for every pass of the report.
    auto report = in_command_read(a.db, [&](core::ReadUnit& reads) {
      return core::read_gap_report_in_scope(reads.gap_report(), core::GapScope{}, *query, now);
    });
    if (!report) return complain(report.error()), report.error().code == core::ErrorCode::invalid ? 2 : 1;
    // Reading the report is audited as the API audits it; the event holds no personal data.
    auto audited = in_command_txn(a.db, [&](CommandPorts& ports) -> core::Result<bool> {
      core::record_gap_report_read(ports.audit(cli_context(now)), *query);
      return true;
    });
    if (!audited) return complain(audited.error()), 1;
    if (a.csv)
      std::cout << gap_report_csv(*report);
    else
      std::cout << boost::json::serialize(gap_report_json(*report)) << "\n";
  } catch (const CommandDatabaseError& e) {
    std::cerr << "enlace: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace enlace::gateway
