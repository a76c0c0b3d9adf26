// Statements on PostgreSQL: see pg_statement.hpp.
#include "storage/postgres/pg_statement.hpp"

#include <charconv>
#include <cstdlib>

namespace enlace::storage {

namespace {

constexpr unsigned kText = 25;  // the type of a parameter the SQL never names

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string pg_bytea_text(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

// What the log may say of a failure: a data exception's message (class 22) quotes the value
// refused, which may be personal, so only its SQLSTATE is kept.
std::string loggable(const PgError& e) {
  if (e.sqlstate.starts_with("22")) return e.sqlstate + ": a value PostgreSQL refused";
  // A failed connection's message names the server already; the others keep their SQLSTATE.
  return e.sqlstate == "08001" ? e.message : e.sqlstate + ": " + e.message;
}

void throw_pg_as_db_error(const PgError& e) {
  std::string message = loggable(e);
  throw DbError{0, std::move(message), classify_sqlstate(e.sqlstate, e.connection_lost)};
}

PgStatementState::PgStatementState(Connection& owner, const PgSql& sql)
    : owner_(owner),
      sql_(sql),
      values_(static_cast<std::size_t>(sql.parameters)),
      types_(static_cast<std::size_t>(sql.parameters), 0) {
  for (std::size_t i = 0; i < types_.size(); ++i)
    if (!sql.named[i]) types_[i] = kText;
}

void PgStatementState::bind(int i, std::optional<std::string> value, unsigned type) {
  if (i < 1 || i > sql_.parameters)
    throw DbError{0, "parameter " + std::to_string(i) + " is not in the statement",
                  StorageFailure::other};
  // Values travel as C strings: a NUL would silently cut the value (an audited entity id
  // stored shorter than the hash it was chained under). PostgreSQL's text holds no NUL; refused
  // as it refuses other bytes it cannot store (22021), never cut.
  if (value && value->find('\0') != std::string::npos)
    throw DbError{0, "22021: a value PostgreSQL refused (a NUL byte in text)",
                  classify_sqlstate("22021")};
  const auto at = static_cast<std::size_t>(i - 1);
  values_[at] = std::move(value);
  types_[at] = sql_.named[at] ? type : kText;
  result_.reset();
  row_ = -1;
}

void PgStatementState::execute() {
  std::vector<const char*> values;
  values.reserve(values_.size());
  for (const auto& v : values_) values.push_back(v ? v->c_str() : nullptr);
  try {
    result_.emplace(owner_.pg()->prepared_typed(sql_.text, types_, values));
  } catch (const PgError& e) {
    // The statement's opening words name it in the log (program text, never a value).
    std::string where = sql_.text.substr(0, 120);
    for (auto& ch : where) ch = ch == '\n' ? ' ' : ch;
    throw DbError{0, loggable(e) + " [in: " + where + "]",
                  classify_sqlstate(e.sqlstate, e.connection_lost)};
  }
  owner_.pg_changes_ = result_->affected();
  if (owner_.sign_in_rows_changed_ && owner_.pg_changes_ > 0 &&
      (sql_.written_table == "session" || sql_.written_table == "app_user"))
    *owner_.sign_in_rows_changed_ = true;
  row_ = -1;
}

bool PgStatementState::step() {
  if (!result_) execute();
  ++row_;
  return row_ < result_->rows();
}

bool PgStatementState::is_null(int col) const { return result_->is_null(row_, col); }
std::string_view PgStatementState::text_view(int col) const { return result_->text_view(row_, col); }

std::int64_t PgStatementState::int64(int col) const {
  auto s = text_view(col);
  if (s.empty()) return 0;
  if (s == "t") return 1;
  if (s == "f") return 0;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && end == s.data() + s.size()) return v;
  return static_cast<std::int64_t>(real(col));  // a numeric (SUM, AVG) as SQLite would cast it
}

double PgStatementState::real(int col) const {
  std::string s(text_view(col));
  return std::strtod(s.c_str(), nullptr);
}

std::string PgStatementState::blob(int col) const {
  auto s = text_view(col);
  if (s.size() < 2 || s[0] != '\\' || s[1] != 'x') return std::string(s);
  std::string out;
  out.reserve((s.size() - 2) / 2);
  for (std::size_t i = 2; i + 1 < s.size(); i += 2)
    out += static_cast<char>(hex_digit(s[i]) * 16 + hex_digit(s[i + 1]));
  return out;
}

}  // namespace enlace::storage
