// Live events in SQLite: see live_event_repository.hpp.
#include "storage/live_event_repository.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <sstream>

namespace enlace::storage {

std::int64_t LiveEventRepository::insert(WriteTxn& tx, const std::vector<std::string>& orgs,
                                         const std::string& type, const std::string& data,
                                         core::Timestamp now) {
  std::string joined;
  std::vector<std::string> seen;  // a referral within one organisation names it twice
  for (const auto& o : orgs) {
    if (o.empty() || std::find(seen.begin(), seen.end(), o) != seen.end()) continue;
    seen.push_back(o);
    if (!joined.empty()) joined += ' ';
    joined += o;
  }
  auto st = tx.prepared(
      "INSERT INTO live_event (at, organizations, type, data) VALUES (?1, ?2, ?3, ?4)");
  st.bind(1, core::to_millis(now));
  st.bind(2, joined);
  st.bind(3, type);
  st.bind(4, data);
  st.run();
  return sqlite3_last_insert_rowid(tx.connection().raw());
}

std::vector<LiveEventRecord> LiveEventRepository::events_after(ReadTxn& tx,
                                                               const std::string& org,
                                                               std::int64_t last_id) {
  auto st = tx.prepared(R"sql(
      SELECT id, organizations, type, data FROM live_event
       WHERE id > ?1 AND instr(' ' || organizations || ' ', ' ' || ?2 || ' ') > 0
       ORDER BY id LIMIT ?3)sql");
  st.bind(1, last_id);
  st.bind(2, org);
  st.bind(3, kMaxReplayEvents);
  std::vector<LiveEventRecord> out;
  while (st.step()) {
    LiveEventRecord e;
    e.id = st.int64(0);
    std::istringstream in(st.text(1));
    std::string o;
    while (in >> o) e.organizations.push_back(o);
    e.type = st.text(2);
    e.data = st.text(3);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace enlace::storage
