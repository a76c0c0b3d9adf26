// libpq connection, results and transactions: see pg_connection.hpp.
#include "storage/postgres/pg_connection.hpp"

#include "storage/postgres/pg_password.hpp"
#include "storage/postgres/pg_sessions.hpp"

#include <libpq-fe.h>

#include <charconv>

namespace enlace::storage {

namespace {

std::string field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v ? v : "";
}

// libpq's connection failure, first line only, without its "connection to server at ...
// failed: " prefix (the caller names the target itself).
std::string connect_reason(PGconn* c) {
  std::string m = c ? PQerrorMessage(c) : "out of memory";
  if (auto nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  if (auto f = m.rfind("failed: "); f != std::string::npos) m = m.substr(f + 8);
  while (!m.empty() && (m.back() == ' ' || m.back() == '\r')) m.pop_back();
  return m.empty() ? "connection failed" : m;
}

void ignore_notice(void*, const char*) {}

}  // namespace

PgResult::~PgResult() { PQclear(r_); }

PgResult& PgResult::operator=(PgResult&& o) noexcept {
  if (this != &o) {
    PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

int PgResult::rows() const { return PQntuples(r_); }
int PgResult::columns() const { return PQnfields(r_); }
bool PgResult::is_null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
std::string PgResult::text(int row, int col) const {
  return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
}
std::string_view PgResult::text_view(int row, int col) const {
  return std::string_view(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
}
std::optional<std::string> PgResult::optional_text(int row, int col) const {
  if (is_null(row, col)) return std::nullopt;
  return text(row, col);
}
std::int64_t PgResult::int64(int row, int col) const {
  std::int64_t v = 0;
  const char* s = PQgetvalue(r_, row, col);
  auto len = static_cast<std::size_t>(PQgetlength(r_, row, col));
  auto [end, ec] = std::from_chars(s, s + len, v);
  if (ec != std::errc() || end != s + len)
    throw PgError("22P02", "column " + std::to_string(col) + " is not an integer");
  return v;
}
std::int64_t PgResult::affected() const {
  const char* n = PQcmdTuples(r_);
  return *n ? std::stoll(n) : 0;
}

PgConnection PgConnection::open(const std::string& uri) {
  auto target = parse_postgres_uri(uri);
  if (!target) throw PgError("08001", "the --db URI " + target.error().fields.items()[0].message);
  // Keywords before dbname are defaults the URI may override. application_name, after it, is
  // the process's own ("enlace", or "enlace serve" for a server): it shows the process in
  // pg_stat_activity, where `enlace rekey` looks for running servers (pg_sessions.hpp). The
  // password (db_password_file) is a parameter of its own: the URI never carries one.
  std::vector<const char*> keys = {"connect_timeout"};
  std::vector<const char*> values = {"10"};
  if (const std::string& password = installed_pg_password(); !password.empty()) {
    keys.push_back("password");
    values.push_back(password.c_str());
  }
  const std::string with_tcp = with_tcp_defaults(uri);
  keys.insert(keys.end(), {"dbname", "application_name", nullptr});
  values.insert(values.end(), {with_tcp.c_str(), pg_application_name(), nullptr});
  PGconn* c = PQconnectdbParams(keys.data(), values.data(), 1);
  if (!c || PQstatus(c) != CONNECTION_OK) {
    std::string reason = connect_reason(c);
    PQfinish(c);
    throw PgError("08001", "cannot connect to PostgreSQL at " + target->where() + " (database " +
                               (target->dbname.empty() ? std::string("default") : target->dbname) +
                               "): " + reason,
                  true);
  }
  PQsetNoticeProcessor(c, ignore_notice, nullptr);
  return PgConnection(c, std::move(*target));
}

PgConnection::~PgConnection() { PQfinish(c_); }

PgConnection::PgConnection(PgConnection&& o) noexcept
    : c_(o.c_), target_(std::move(o.target_)), statements_(std::move(o.statements_)) {
  o.c_ = nullptr;
}

int PgConnection::backend_pid() const { return PQbackendPID(c_); }
bool PgConnection::is_ok() const { return c_ && PQstatus(c_) == CONNECTION_OK; }

int PgConnection::socket() const { return PQsocket(c_); }

std::vector<std::string> PgConnection::take_notifications() {
  if (!PQconsumeInput(c_) || PQstatus(c_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(c_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw PgError("08006", message, true);
  }
  std::vector<std::string> channels;
  while (PGnotify* n = PQnotifies(c_)) {
    channels.emplace_back(n->relname);
    PQfreemem(n);
  }
  return channels;
}

PgResult PgConnection::check(PGresult* r) {
  PgResult owned(r);
  auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return owned;
  bool lost = PQstatus(c_) != CONNECTION_OK;
  std::string state = r ? field(r, PG_DIAG_SQLSTATE) : "";
  std::string message = r ? field(r, PG_DIAG_MESSAGE_PRIMARY) : "";
  if (message.empty()) {
    message = PQerrorMessage(c_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
  }
  if (state.empty()) state = lost ? "08006" : "XX000";
  // A statement prepared on a lost connection is gone with it.
  if (lost) statements_.clear();
  throw PgError(state, message, lost, r ? field(r, PG_DIAG_TABLE_NAME) : "",
                r ? field(r, PG_DIAG_CONSTRAINT_NAME) : "");
}

namespace {
struct Bound {
  std::vector<const char*> values;
  explicit Bound(const PgParams& params) {
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.text ? p.text->c_str() : nullptr);
  }
};
}  // namespace

PgResult PgConnection::query(std::string_view sql, const PgParams& params) {
  Bound b(params);
  std::string text(sql);
  return check(PQexecParams(c_, text.c_str(), static_cast<int>(b.values.size()), nullptr,
                            b.values.data(), nullptr, nullptr, 0));
}

PgResult PgConnection::prepared(std::string_view sql, const PgParams& params) {
  std::string text(sql);
  auto it = statements_.find(text);
  if (it == statements_.end()) {
    std::string name = "enlace_" + std::to_string(statements_.size() + 1);
    check(PQprepare(c_, name.c_str(), text.c_str(), static_cast<int>(params.size()), nullptr));
    it = statements_.emplace(std::move(text), std::move(name)).first;
  }
  Bound b(params);
  return check(PQexecPrepared(c_, it->second.c_str(), static_cast<int>(b.values.size()),
                              b.values.data(), nullptr, nullptr, 0));
}

PgResult PgConnection::prepared_typed(const std::string& sql, const std::vector<unsigned>& types,
                                      const std::vector<const char*>& values) {
  std::string key = sql;
  key += '\0';
  for (unsigned t : types) key += std::to_string(t) + ",";
  auto it = statements_.find(key);
  if (it == statements_.end()) {
    std::string name = "enlace_" + std::to_string(statements_.size() + 1);
    std::vector<Oid> oids(types.begin(), types.end());
    check(PQprepare(c_, name.c_str(), sql.c_str(), static_cast<int>(oids.size()), oids.data()));
    it = statements_.emplace(std::move(key), std::move(name)).first;
  }
  return check(PQexecPrepared(c_, it->second.c_str(), static_cast<int>(values.size()),
                              values.data(), nullptr, nullptr, 0));
}

void PgConnection::exec_script(const char* sql) { check(PQexec(c_, sql)); }

PgTransaction::PgTransaction(PgConnection& c, const char* begin) : c_(c) { c_.exec_script(begin); }

PgTransaction::~PgTransaction() {
  if (!open_ || !c_.is_ok()) return;
  try {
    c_.exec_script("ROLLBACK");
  } catch (const PgError&) {
    // The connection failed while rolling back: the server rolls the transaction back itself.
  }
}

void PgTransaction::commit() {
  open_ = false;
  c_.exec_script("COMMIT");
}

}  // namespace enlace::storage
