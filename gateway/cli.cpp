// The command line: see cli.hpp. A bad flag or value prints one line and exits 2, changing
// nothing.
#include "gateway/cli.hpp"

#include "gateway/chain_key_setup.hpp"
#include "gateway/cli_commands.hpp"
#include "gateway/config.hpp"
#include "gateway/db_password.hpp"
#include "gateway/directory_command.hpp"
#include "gateway/migrate_command.hpp"
#include "gateway/openapi.hpp"
#include "gateway/postgres_commands.hpp"
#include "gateway/rekey_command.hpp"
#include "gateway/routes.hpp"
#include "gateway/serve.hpp"
#include "gateway/version.hpp"
#include "storage/database_maintenance.hpp"

#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>

#include <iostream>
#include <optional>

extern char** environ;

namespace enlace::gateway {

namespace {

std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

// The effective configuration, or nothing after printing every problem (exit 2).
std::optional<ServeConfig> resolve_or_report(ConfigSources sources) {
  sources.env = environment();
  auto config = resolve_config(sources);
  if (config) return *config;
  const auto& e = config.error();
  std::string first = e.fields.empty() ? e.detail
                                       : e.fields.items()[0].field + ": " + e.fields.items()[0].message;
  std::cerr << "enlace: invalid configuration: " << first << "\n";
  for (std::size_t i = 1; i < e.fields.items().size(); ++i)
    std::cerr << "enlace: also: " << e.fields.items()[i].field << ": " << e.fields.items()[i].message << "\n";
  return std::nullopt;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"Enlace: case referral and coordination server for migrant help networks", "enlace"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.set_version_flag("--version", std::string("enlace ") + kEnlaceVersion);

  // init
  std::string init_db;
  bool demo = false;
  auto* init = app.add_subcommand("init", "Create or migrate the database (idempotent)");
  init->add_option("--db", init_db, "Database file")->required();
  init->add_flag("--demo", demo, "Also load the demo network and print its sign-ins (a database without users only)");

  // user add
  auto* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  UserAddArgs ua;
  auto* user_add = user->add_subcommand("add", "Create a user; the password is read from stdin");
  user_add->add_option("--db", ua.db, "Database file")->required();
  user_add->add_option("--username", ua.username, "Sign-in name")->required();
  user_add->add_option("--role", ua.roles, "Role (repeatable): system_admin, org_admin, caseworker, partner, coordinator, auditor")
      ->required();
  user_add->add_option("--organization", ua.organization, "Organisation id (all roles but system_admin and auditor)");
  user_add->add_option("--display-name", ua.display_name, "Name shown in the UI");
  user_add->add_flag("--password-stdin", ua.password_stdin, "Read the password from standard input")->required();
  std::string user_add_config;
  user_add->add_option("--config", user_add_config,
                       "Config file whose argon2_* cost applies (else ENLACE_CONFIG, ENLACE_ARGON2_*)");

  // openapi: the document the server serves at /api/v1/openapi.json, for linters and client
  // generators that run without a server (deploy/test.sh lints it).
  auto* openapi_cmd = app.add_subcommand("openapi", "Print the OpenAPI 3.1 document of the API");

  // serve
  auto* serve = app.add_subcommand("serve", "Serve the API and the web UI");
  std::map<std::string, std::string> flags;
  std::string config_file;
  bool check_config = false;
  auto flag = [&](const char* name, const char* key, const char* help) {
    serve->add_option_function<std::string>(name, [&flags, key](const std::string& v) { flags[key] = v; }, help);
  };
  flag("--db", "db", "Database file");
  flag("--listen", "listen", "Address to listen on (default 127.0.0.1)");
  flag("--port", "port", "Port (default 8080; 0 picks a free one)");
  flag("--threads", "threads", "I/O threads (default: number of cores)");
  flag("--tls-cert", "tls_cert", "TLS certificate chain (PEM)");
  flag("--tls-key", "tls_key", "TLS private key (PEM)");
  flag("--web-root", "web_root", "Directory of the built web UI");
  flag("--log-level", "log_level", "trace, debug, info, warn or error");
  serve->add_option("--config", config_file, "TOML configuration file");
  serve->add_flag("--check-config", check_config, "Print the effective settings (secrets masked) and exit");

  // backup / restore / purge / audit verify
  BackupArgs backup_args;
  auto* backup = app.add_subcommand("backup", "Consistent online copy of the database");
  backup->add_option("--db", backup_args.db, "Database file, or PostgreSQL URI (writes pg_dump's custom format)")->required();
  backup->add_option("--to", backup_args.to, "Backup file to write")->required();

  RestoreArgs restore_args;
  auto* restore = app.add_subcommand("restore", "Verify a backup and put it in place");
  restore->add_option("--from", restore_args.from, "Backup file")->required();
  restore->add_option("--db", restore_args.db, "Database file to replace, or an empty PostgreSQL database's URI")->required();

  PurgeArgs purge_args;
  auto* purge = app.add_subcommand("purge", "Erase personal fields of cases closed past the retention period");
  purge->add_option("--db", purge_args.db, "Database file, or PostgreSQL URI")->required();
  purge->add_option("--older-than", purge_args.older_than_days, "Retention in days (default 1826)")
      ->check(CLI::PositiveNumber);

  AuditVerifyArgs verify_args;
  auto* audit = app.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Verify the audit hash chain");
  verify->add_option("--db", verify_args.db, "Database file")->required();
  verify->add_option("--expect-head", verify_args.expect_head,
                     "A head hash recorded earlier: fail if the log no longer contains it");

  StatsGapsArgs gaps_args;
  auto* stats = app.add_subcommand("stats", "Statistics");
  stats->require_subcommand(1);
  auto* gaps = stats->add_subcommand("gaps", "Service-gap report of the whole network (JSON, or CSV with --csv)");
  gaps->add_option("--db", gaps_args.db, "Database file")->required();
  gaps->add_option("--from", gaps_args.from, "First day, YYYY-MM-DD (default: 89 days before --to)");
  gaps->add_option("--to", gaps_args.to, "Last day, YYYY-MM-DD (default: today)");
  gaps->add_option("--territory", gaps_args.territory, "Territory id (with its whole subtree)");
  gaps->add_option("--category", gaps_args.category, "Category code");
  gaps->add_option("--by", gaps_args.by, "sex, age_group or nationality");
  gaps->add_flag("--csv", gaps_args.csv, "One tidy CSV table instead of JSON");
  // directory export / import
  auto* directory = app.add_subcommand("directory", "The service directory as a file (Open Referral HSDS 3.0)");
  directory->require_subcommand(1);
  DirectoryFileArgs export_args, import_args;
  auto* dir_export = directory->add_subcommand("export", "Write every service, with its organisation, as HSDS JSON");
  dir_export->add_option("--db", export_args.db, "Database file")->required();
  dir_export->add_option("--format", export_args.format, "File format: hsds")->check(CLI::IsMember({"hsds"}));
  dir_export->add_option("--to", export_args.file, "File to write")->required();
  auto* dir_import = directory->add_subcommand("import", "Add or update services from an HSDS JSON file (one transaction)");
  dir_import->add_option("--db", import_args.db, "Database file")->required();
  dir_import->add_option("--format", import_args.format, "File format: hsds")->check(CLI::IsMember({"hsds"}));
  dir_import->add_option("--from", import_args.file, "File to read: a JSON array of HSDS services")->required();

  MigrateArgs migrate_args;
  auto* migrate = app.add_subcommand("migrate", "Copy a deployment from SQLite into an empty PostgreSQL database, verified");
  migrate->add_option("--from", migrate_args.from, "SQLite database file (read only; stop the server first)")->required();
  migrate->add_option("--to", migrate_args.to, "PostgreSQL URI: postgresql://user@host:port/dbname (no password)")
      ->required();

  RekeyArgs rekey_args;
  auto* rekey = app.add_subcommand("rekey", "Re-encrypt the encrypted fields under a new key (server stopped)");
  rekey->add_option("--db", rekey_args.db, "Database file, or PostgreSQL URI")->required();
  rekey->add_option("--old-key-file", rekey_args.old_key_file,
                    "The key in use now (omit when nothing is encrypted yet)");
  rekey->add_option("--new-key-file", rekey_args.new_key_file,
                    "The new key: 64 hex digits (openssl rand -hex 32) or credential:NAME")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    std::cout << app.help(e.get_name() == "--help-all" ? "" : "", CLI::AppFormatMode::Normal);
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::ParseError& e) {
    // Subcommand help (`enlace serve --help`) arrives as CallForHelp from the subcommand.
    if (e.get_exit_code() == 0) {
      app.exit(e);
      return 0;
    }
    std::string msg = e.what();
    std::cerr << "enlace: " << msg << " (see enlace --help)\n";
    return 2;
  }

  // Commands that write or verify the audit chain link it as the server does: with the chain
  // key of the encryption_key_file `serve` would read (ENLACE_CONFIG, ENLACE_ENCRYPTION_KEY_FILE).
  // Those that append refuse a keyed chain they could not extend. They connect to PostgreSQL
  // with the password of db_password_file, as `serve` does.
  auto with_chain_key = [&](const std::string& db, bool appends, auto run) {
    ConfigSources sources;
    sources.flags = {{"db", db}};
    auto config = resolve_or_report(sources);
    if (!config) return 2;
    if (!install_db_password(*config) || !install_chain_key(*config)) return 1;
    if (appends && !chain_accepts_installed_key(*storage::open_database_maintenance(db))) return 1;
    return run();
  };
  // The whole-database operations of the database a command names: its one adapter, chosen by
  // the name's engine (storage/database_maintenance.hpp); the command renders what it reports.
  auto maintained = [](const std::string& db, auto run) {
    auto maintenance = storage::open_database_maintenance(db);
    return run(*maintenance);
  };
  if (openapi_cmd->parsed()) {
    Router router;
    add_all_routes(router);
    std::cout << boost::json::serialize(openapi_document(router)) << "\n";
    return 0;
  }
  // A PostgreSQL URI (API.md "PostgreSQL") is checked as written (no password in it) before a
  // command runs; every command runs on either backend.
  auto on = [&](const std::string& db, auto run) {
    if (auto bad = refuse_bad_postgres_uri(db)) return *bad;
    return run();
  };
  if (init->parsed()) {
    if (auto bad = refuse_bad_postgres_uri(init_db)) return *bad;
    if (names_postgres(init_db) && !demo)
      return with_chain_key(init_db, false, [&] { return run_init_postgres(init_db); });
    auto init = [&](core::DatabaseMaintenance& m) { return run_init(m, init_db, demo); };
    if (!demo) return maintained(init_db, init);
    // The database may not exist yet; a new one has nothing to refuse.
    return with_chain_key(init_db, false, [&] { return maintained(init_db, init); });
  }
  if (user_add->parsed()) {
    return on(ua.db, [&] {
      // New users get the cost the server would rehash them to at their first sign-in.
      ConfigSources sources;
      if (!user_add_config.empty()) sources.file = user_add_config;
      sources.flags = {{"db", ua.db}};
      auto config = resolve_or_report(sources);
      if (!config) return 2;
      ua.argon2 = {config->argon2_memory_kib, config->argon2_iterations, config->argon2_parallelism};
      auto maintenance = storage::open_database_maintenance(ua.db);
      if (!install_chain_key(*config) || !chain_accepts_installed_key(*maintenance)) return 1;
      return run_user_add(*maintenance, ua);
    });
  }
  if (serve->parsed()) {
    ConfigSources sources;
    if (!config_file.empty()) sources.file = config_file;
    sources.flags = flags;
    auto config = resolve_or_report(sources);
    if (!config) return 2;
    // The database may come from ENLACE_DB or the config file: checked once it is known.
    if (auto bad = refuse_bad_postgres_uri(config->db)) return *bad;
    if (check_config) {
      std::cout << describe_config(*config);
      return 0;
    }
    if (!install_db_password(*config)) return 1;
    return run_server(*config);
  }
  auto keyed = [&](const std::string& db, bool appends, auto run) {
    return on(db, [&] { return with_chain_key(db, appends, run); });
  };
  // Backup and restore run on both backends.
  if (backup->parsed()) {
    if (auto bad = refuse_bad_postgres_uri(backup_args.db)) return *bad;
    return with_chain_key(backup_args.db, false, [&] {
      return maintained(backup_args.db, [&](auto& m) { return run_backup(m, backup_args); });
    });
  }
  if (restore->parsed()) {
    if (auto bad = refuse_bad_postgres_uri(restore_args.db)) return *bad;
    return with_chain_key(restore_args.db, false, [&] {
      return maintained(restore_args.db, [&](auto& m) { return run_restore(m, restore_args); });
    });
  }
  if (verify->parsed()) {
    // Runs on both backends.
    if (auto bad = refuse_bad_postgres_uri(verify_args.db)) return *bad;
    return with_chain_key(verify_args.db, false, [&] {
      return maintained(verify_args.db, [&](auto& m) { return run_audit_verify(m, verify_args); });
    });
  }
  if (purge->parsed())
    return keyed(purge_args.db, true, [&] {
      return maintained(purge_args.db, [&](auto& m) { return run_purge(m, purge_args); });
    });
  if (gaps->parsed())
    return keyed(gaps_args.db, true, [&] {
      return maintained(gaps_args.db, [&](auto& m) { return run_stats_gaps(m, gaps_args); });
    });
  // The copy needs no key; the chain key, when configured, lets it verify keyed links in full.
  if (migrate->parsed())
    return with_chain_key(migrate_args.from, false, [&] {
      return maintained(migrate_args.from, [&](auto& m) { return run_migrate(m, migrate_args); });
    });
  if (rekey->parsed())
    return on(rekey_args.db, [&] {
      return maintained(rekey_args.db, [&](auto& m) { return run_rekey(m, rekey_args); });
    });
  if (dir_export->parsed()) return on(export_args.db, [&] { return run_directory_export(export_args); });
  if (dir_import->parsed())
    return keyed(import_args.db, true, [&] { return run_directory_import(import_args); });
  return 2;
}

}  // namespace enlace::gateway
