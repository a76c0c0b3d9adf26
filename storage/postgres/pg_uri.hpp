// PostgreSQL connection URIs as `--db` takes them (API.md "PostgreSQL"): recognised, checked
// (no password on the command line) and described for messages without secrets.
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace enlace::storage {

// Whether `db` names a PostgreSQL database (postgresql:// or postgres://) rather than a file.
bool is_postgres_uri(std::string_view db);

// Where a URI points, for messages: no password is ever part of it.
struct PgTarget {
  std::string host;  // as written; empty means libpq's default (the local socket)
  std::string port;  // empty means 5432
  std::string dbname;
  std::string user;
  // "host:port" with the defaults filled in ("localhost (unix socket):5432" for none).
  std::string where() const;
};

// Parses `uri` with libpq's own parser. Refused (invalid): a malformed URI, and one that
// carries a password (in the userinfo or as ?password=): passwords come from PGPASSFILE.
// The error never repeats the URI.
core::Result<PgTarget> parse_postgres_uri(const std::string& uri);

// TCP settings every connection Enlace opens gets unless its URI sets them (docs/OPERATIONS.md,
// "When the connection to PostgreSQL is lost"). A server that vanished without a reset (a
// network cut, a machine powered off) would otherwise hold a request until the kernel gives up:
// with Linux's defaults about 15 minutes for data never acknowledged, over two hours (the
// keepalive's) for a request acknowledged whose answer never comes. An idle connection is probed after 10 s, then every
// 5 s, and given up after 3 unanswered probes (25 s); data sent and not acknowledged for 30 s
// (tcp_user_timeout, in milliseconds) ends it too, which covers a request sent into the cut.
// Each is set on both ends: libpq's keyword for Enlace's socket, and the server's setting of the
// same meaning (through `options`) for PostgreSQL's, so that PostgreSQL also ends, within the
// same time, the session of an Enlace process that vanished (and releases its locks).
struct PgTcpSetting {
  const char* keyword;  // libpq's
  const char* setting;  // the server's
  const char* value;
};
inline constexpr PgTcpSetting kPgTcpDefaults[] = {
    {"keepalives", nullptr, "1"},
    {"keepalives_idle", "tcp_keepalives_idle", "10"},
    {"keepalives_interval", "tcp_keepalives_interval", "5"},
    {"keepalives_count", "tcp_keepalives_count", "3"},
    {"tcp_user_timeout", "tcp_user_timeout", "30000"},
};

// A session setting of PostgreSQL's sent with the TCP ones: no JIT compilation. Its threshold is
// a plan's cost, and the gap report's statements cost more than jit_above_cost once the tables
// have statistics: compiling them took 0.85 s of a 1.27 s statement at 100,000 cases, for a plan
// that runs in 0.3 s without it (docs/PERFORMANCE.md, "PostgreSQL beside SQLite"). Every other
// statement of Enlace's is a short indexed one that JIT cannot help.
inline constexpr const char* kPgNoJit = "-c%20jit%3Doff";

// `uri` (already checked by parse_postgres_uri) with each keyword of kPgTcpDefaults it does not
// name added as a query parameter, and, unless it names `options`, the server's settings and
// kPgNoJit as `options`: for libpq and for pg_dump and pg_restore alike. A URI that names
// `options` (a pooler that refuses them) leaves them to the role (docs/OPERATIONS.md).
std::string with_tcp_defaults(const std::string& uri);

}  // namespace enlace::storage
