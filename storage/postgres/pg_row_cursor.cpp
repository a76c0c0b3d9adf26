// Server-side cursor: see pg_row_cursor.hpp.
#include "storage/postgres/pg_row_cursor.hpp"

#include <atomic>

namespace enlace::storage {

PgRowCursor::PgRowCursor(PgConnection& c, std::string_view sql, const PgParams& params, int batch)
    : c_(c), batch_size_(batch) {
  static std::atomic<int> counter{0};
  name_ = "enlace_cursor_" + std::to_string(++counter);
  // The cursor's name and batch size are this class's own text; the query's values are
  // parameters.
  c_.query("DECLARE " + name_ + " NO SCROLL CURSOR FOR " + std::string(sql), params);
  fetch_ = "FETCH FORWARD " + std::to_string(batch) + " FROM " + name_;
}

PgRowCursor::~PgRowCursor() {
  if (!c_.is_ok()) return;
  try {
    c_.exec_script(("CLOSE " + name_).c_str());
  } catch (const PgError&) {
    // An aborted transaction closes its cursors itself.
  }
}

bool PgRowCursor::step() {
  if (++row_ < batch_.rows()) return true;
  if (last_batch_) return false;
  batch_ = c_.query(fetch_);
  row_ = 0;
  // A short batch is the last one: no FETCH that returns nothing.
  last_batch_ = batch_.rows() < batch_size_;
  return batch_.rows() > 0;
}

}  // namespace enlace::storage
