// Audit events out of result rows: see audit_event_row.hpp.
#include "storage/audit_event_row.hpp"

namespace enlace::storage {

core::AuditEvent read_audit_event(const Statement& st, int col) {
  return {core::from_millis(st.int64(col)), st.text(col + 1), st.text(col + 2), st.text(col + 3),
          st.text(col + 4), st.text(col + 5), st.text(col + 6), st.text(col + 7),
          st.text(col + 8), st.text(col + 9)};
}

}  // namespace enlace::storage
