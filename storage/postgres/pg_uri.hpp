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

}  // namespace enlace::storage
