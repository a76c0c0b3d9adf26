// Rows streamed into a table with COPY ... FROM STDIN (text format): the fast way to load
// millions of rows, sent a buffer at a time so that memory does not grow with the table.
#pragma once

#include "storage/postgres/pg_connection.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace enlace::storage {

// One COPY on `c`, inside the caller's transaction (a failure aborts the transaction); one
// thread. Fields are added left to right, then end_row(); finish() ends the COPY.
class PgCopyIn {
 public:
  // `copy_sql` is the program's own text: COPY table (columns) FROM STDIN. Throws PgError.
  PgCopyIn(PgConnection& c, std::string_view copy_sql);
  // An unfinished COPY (an exception while producing rows) is ended as failed, so that the
  // connection can roll back.
  ~PgCopyIn();
  PgCopyIn(const PgCopyIn&) = delete;
  PgCopyIn& operator=(const PgCopyIn&) = delete;

  void null_field();
  void text_field(std::string_view text);   // any text; escaped here
  void bytea_field(std::string_view bytes);  // raw bytes, sent as bytea's hex form
  void end_row();
  // Ends the COPY; returns the number of rows PostgreSQL stored. Throws PgError (a constraint
  // the rows violate, a value the column's type refuses, a lost connection).
  std::int64_t finish();

 private:
  void separate();
  void send();
  PgConnection& c_;
  std::string buffer_;
  bool row_started_ = false;
  bool open_ = true;
};

}  // namespace enlace::storage
