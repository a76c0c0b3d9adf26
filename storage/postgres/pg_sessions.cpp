// Other Enlace sessions on a database: see pg_sessions.hpp.
#include "storage/postgres/pg_sessions.hpp"

#include "storage/postgres/pg_connection.hpp"

#include <thread>

namespace enlace::storage {

std::int64_t other_enlace_sessions(PgConnection& c, std::chrono::milliseconds grace) {
  const auto until = std::chrono::steady_clock::now() + grace;
  for (;;) {
    // pg_stat_activity is read once per transaction unless its snapshot is cleared.
    c.query("SELECT pg_stat_clear_snapshot()");
    const auto others = c.query(
                             "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                             "AND application_name = 'enlace' AND pid <> pg_backend_pid()")
                            .int64(0, 0);
    if (others == 0 || std::chrono::steady_clock::now() >= until) return others;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace enlace::storage
