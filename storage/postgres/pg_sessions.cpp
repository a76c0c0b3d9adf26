// Servers' sessions on a database: see pg_sessions.hpp.
#include "storage/postgres/pg_sessions.hpp"

#include "storage/postgres/pg_connection.hpp"

#include <thread>

namespace enlace::storage {

namespace {
constexpr const char* kServerName = "enlace serve";
const char* application_name = "enlace";
}  // namespace

const char* pg_application_name() { return application_name; }
void identify_as_server() { application_name = kServerName; }

std::int64_t server_sessions(PgConnection& c, std::chrono::milliseconds grace) {
  const auto until = std::chrono::steady_clock::now() + grace;
  for (;;) {
    // pg_stat_activity is read once per transaction unless its snapshot is cleared.
    c.query("SELECT pg_stat_clear_snapshot()");
    const auto others = c.query(
                             "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                             "AND application_name = $1 AND pid <> pg_backend_pid()",
                             {kServerName})
                            .int64(0, 0);
    if (others == 0 || std::chrono::steady_clock::now() >= until) return others;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace enlace::storage
