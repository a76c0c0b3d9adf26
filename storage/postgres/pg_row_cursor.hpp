// Rows of a long query read through a server-side cursor, a batch at a time, so that reading
// millions (the audit chain) holds one batch in memory. Offers what a SQLite statement offers a
// row-by-row reader: step, int64, is_null, text_view.
#pragma once

#include "storage/postgres/pg_connection.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace enlace::storage {

// Inside a transaction on `c` (the cursor ends with it); one thread.
class PgRowCursor {
 public:
  PgRowCursor(PgConnection& c, std::string_view sql, const PgParams& params = {}, int batch = 5000);
  ~PgRowCursor();
  PgRowCursor(const PgRowCursor&) = delete;
  PgRowCursor& operator=(const PgRowCursor&) = delete;

  bool step();  // the next row, fetching the next batch when this one is read
  std::int64_t int64(int col) const { return batch_.int64(row_, col); }
  bool is_null(int col) const { return batch_.is_null(row_, col); }
  std::string_view text_view(int col) const { return batch_.text_view(row_, col); }

 private:
  PgConnection& c_;
  std::string name_, fetch_;
  int batch_size_;
  PgResult batch_{nullptr};
  int row_ = -1;
  bool last_batch_ = false;
};

}  // namespace enlace::storage
