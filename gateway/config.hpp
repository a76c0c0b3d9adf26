// The `enlace serve` configuration: defaults < TOML file < ENLACE_* environment < flags.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace enlace::gateway {

struct ServeConfig {
  std::string db;                       // required
  // PostgreSQL only: a file whose first line is the role's password, handed to libpq at start
  // (never in the URI, never printed); the path is not secret.
  std::string db_password_file;
  std::string listen = "127.0.0.1";
  int port = 8080;                      // 0 = any free port
  int threads = 0;                      // 0 = number of cores
  int read_threads = 2;                 // SQLite read pool
  std::string web_root;                 // empty = no UI
  std::string tls_cert, tls_key;        // both or neither
  std::string log_level = "info";       // trace|debug|info|warn|error
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 * 1024;
  int header_timeout_seconds = 10, body_timeout_seconds = 30, idle_timeout_seconds = 60;
  int max_connections = 10000, max_connections_per_address = 256;
  int rate_limit_per_minute = 600;        // per signed-in user; unauthenticated: per address
  int login_failures_per_15_minutes = 10; // per username and address (see limits in App)
  std::vector<std::string> trusted_proxies;  // addresses or CIDR ranges (trusted_proxies.hpp)
  int session_idle_minutes = 30, session_absolute_hours = 12;
  // How often open event streams re-read their sessions (expiry, idle time, changes made by
  // another process); endings through this process reach them at once. At most 4 s, so that
  // a stream ends within 5 s of its session.
  int stream_session_check_ms = 2000;
  int temporary_password_hours = 72;    // an administrator's one-time password expires
  bool totp_required = true;
  bool hsds_public = false;             // the HSDS feed (/hsds/...) without signing in
  int argon2_memory_kib = 19456, argon2_iterations = 2, argon2_parallelism = 1,
      password_hash_threads = 2;
  int password_hash_queue = 64;         // hashes waiting for a thread; past it sign-in is 503
  std::string encryption_key_file;      // the path is not secret; the key it holds is
  int retention_days = 1826;
  // Follow-up: an overdue referral's notice is repeated this often while it stays overdue.
  int overdue_reminder_hours = 24;
  // A referral still requested or received this long after its respond_by is closed by the
  // system as rejected/no_response. Decimal hours (36, 0.5); 0 (or left out): never.
  double expire_unanswered_after_hours = 0;
  // E-mail notifications (docs/OPERATIONS.md "E-mail"): unset smtp_url = no e-mail, nothing
  // queued. mail_from and public_url are then required.
  std::string smtp_url;                 // smtp://host:port (STARTTLS when offered) or smtps://
  std::string smtp_user;                // AUTH when set
  std::string smtp_password_file;       // the password, read at start-up; the path is not secret
  std::string mail_from;                // the envelope and From: address
  std::string public_url;               // the base of links in e-mails
  std::string default_language = "es";  // of users who chose none: es en fr pt ht fil
  // Webhooks may reach loopback, private and link-local addresses (a system on the same
  // network as the server). Off: such URLs are refused at creation and at every delivery.
  bool webhook_allow_private_addresses = false;
  std::string test_clock_file;          // tests only: read "now" from this file
};

struct ConfigSources {
  std::optional<std::string> file;                 // --config (else ENLACE_CONFIG, else none)
  std::map<std::string, std::string> env;          // the whole process environment; ENLACE_* is used
  std::map<std::string, std::string> flags;        // key -> value from the command line
};

// Reads the file (if any), applies the environment and flags, and checks every value.
// All problems come back at once as Error::invalid, each field named by its key
// ("port", "tls_key", or "config" for an unreadable or malformed file).
core::Result<ServeConfig> resolve_config(const ConfigSources& sources);

// The effective settings as TOML lines in the order of the struct; values of secret keys
// are masked (see is_secret_key). The output parses back as a valid config file.
std::string describe_config(const ServeConfig& config);

// A key whose value must never be printed: it ends in _secret, _password or _token.
bool is_secret_key(std::string_view key);

}  // namespace enlace::gateway
