// PostgreSQL URIs: see pg_uri.hpp.
#include "storage/postgres/pg_uri.hpp"

#include <libpq-fe.h>

#include <memory>
#include <set>

namespace enlace::storage {

bool is_postgres_uri(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

std::string PgTarget::where() const {
  std::string h = host.empty() ? "localhost (unix socket)" : host;
  return h + ":" + (port.empty() ? "5432" : port);
}

core::Result<PgTarget> parse_postgres_uri(const std::string& uri) {
  char* err = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> opts(PQconninfoParse(uri.c_str(), &err),
                                                                   &PQconninfoFree);
  if (!opts) {
    // libpq's message may quote part of the URI, which may hold a secret: not repeated.
    PQfreemem(err);
    return core::Error::invalid_field("db", "is not a valid PostgreSQL connection URI");
  }
  PgTarget t;
  std::string hostaddr;
  for (auto* o = opts.get(); o->keyword; ++o) {
    std::string_view k = o->keyword;
    std::string v = o->val ? o->val : "";
    if (k == "password" && !v.empty())
      return core::Error::invalid_field(
          "db", "carries a password: remove it from the URI and give it in db_password_file or a PGPASSFILE "
                "(docs/OPERATIONS.md)");
    if (k == "host") t.host = v;
    else if (k == "hostaddr") hostaddr = v;
    else if (k == "port") t.port = v;
    else if (k == "dbname") t.dbname = v;
    else if (k == "user") t.user = v;
  }
  if (t.host.empty()) t.host = hostaddr;
  return t;
}

std::string with_tcp_defaults(const std::string& uri) {
  char* err = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> opts(PQconninfoParse(uri.c_str(), &err),
                                                                   &PQconninfoFree);
  PQfreemem(err);
  if (!opts) return uri;  // refused where it is parsed, with its message
  std::set<std::string_view> named;
  for (auto* o = opts.get(); o->keyword; ++o)
    if (o->val) named.insert(o->keyword);
  std::string out = uri;
  bool has_query = uri.find('?') != std::string::npos;
  auto add = [&](std::string_view key, std::string_view value) {
    out += has_query ? '&' : '?';
    has_query = true;
    out.append(key).append("=").append(value);
  };
  // "-c tcp_keepalives_idle=10 -c ...", percent-encoded for the URI's query.
  std::string server;
  for (const auto& s : kPgTcpDefaults) {
    if (!named.contains(s.keyword)) add(s.keyword, s.value);
    if (s.setting) server += std::string(server.empty() ? "" : "%20") + "-c%20" + s.setting + "%3D" + s.value;
  }
  if (!named.contains("options")) add("options", server + "%20" + kPgNoJit);
  return out;
}

}  // namespace enlace::storage
