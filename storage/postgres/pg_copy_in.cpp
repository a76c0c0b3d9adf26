// COPY FROM STDIN: see pg_copy_in.hpp.
#include "storage/postgres/pg_copy_in.hpp"

#include <libpq-fe.h>

namespace enlace::storage {

namespace {

// Sent to the server when about this much is buffered: large enough for few round trips, small
// enough that a table of any size costs the same memory.
constexpr std::size_t kSendAt = 1 << 20;

}  // namespace

PgCopyIn::PgCopyIn(PgConnection& c, std::string_view copy_sql) : c_(c) {
  std::string sql(copy_sql);
  PGresult* r = PQexec(c_.c_, sql.c_str());
  if (r && PQresultStatus(r) == PGRES_COPY_IN) {
    PQclear(r);
    buffer_.reserve(kSendAt + 4096);
    return;
  }
  open_ = false;
  c_.check(r);  // throws: the statement failed
  throw PgError("XX000", "COPY did not start");
}

PgCopyIn::~PgCopyIn() {
  if (!open_ || !c_.is_ok()) return;
  // The rows were not all produced: the server discards the COPY and aborts the transaction.
  PQputCopyEnd(c_.c_, "the copy was interrupted");
  while (PGresult* r = PQgetResult(c_.c_)) PQclear(r);
}

void PgCopyIn::separate() {
  if (row_started_) buffer_ += '\t';
  row_started_ = true;
}

void PgCopyIn::null_field() {
  separate();
  buffer_ += "\\N";
}

void PgCopyIn::text_field(std::string_view text) {
  separate();
  // COPY's text format: backslash, and the delimiters of fields and rows, are escaped.
  for (char ch : text) {
    switch (ch) {
      case '\\': buffer_ += "\\\\"; break;
      case '\t': buffer_ += "\\t"; break;
      case '\n': buffer_ += "\\n"; break;
      case '\r': buffer_ += "\\r"; break;
      default: buffer_ += ch;
    }
  }
}

void PgCopyIn::bytea_field(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  separate();
  // bytea's text form is \x and hex digits; its backslash is escaped for COPY.
  buffer_ += "\\\\x";
  for (unsigned char b : bytes) {
    buffer_ += kHex[b >> 4];
    buffer_ += kHex[b & 0xf];
  }
}

void PgCopyIn::end_row() {
  buffer_ += '\n';
  row_started_ = false;
  if (buffer_.size() >= kSendAt) send();
}

void PgCopyIn::send() {
  if (buffer_.empty()) return;
  if (PQputCopyData(c_.c_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
    open_ = false;
    c_.check(PQgetResult(c_.c_));
    throw PgError("08006", "the connection failed during COPY", !c_.is_ok());
  }
  buffer_.clear();
}

std::int64_t PgCopyIn::finish() {
  send();
  open_ = false;
  if (PQputCopyEnd(c_.c_, nullptr) != 1)
    throw PgError("08006", "the connection failed during COPY", !c_.is_ok());
  PGresult* r = PQgetResult(c_.c_);
  // The COPY's result is followed by a null one; reading it makes the connection ready again.
  while (PGresult* more = PQgetResult(c_.c_)) PQclear(more);
  return c_.check(r).affected();
}

}  // namespace enlace::storage
