// The directory feed's queries: see directory_feed.hpp.
#include "storage/directory_feed.hpp"

namespace enlace::storage {

namespace {

std::optional<std::int64_t> millis(const std::optional<core::Timestamp>& t) {
  if (t) return core::to_millis(*t);
  return std::nullopt;
}

// The two tables are read alike; the SQL is compile-time text per table.
FeedIds window(ReadTxn& tx, const FeedWindow& w, const char* count_sql, const char* page_sql) {
  FeedIds out;
  {
    auto st = tx.prepared(count_sql);
    st.bind(1, millis(w.modified_after));
    st.step();
    out.total = st.int64(0);
  }
  auto st = tx.prepared(page_sql);
  st.bind(1, millis(w.modified_after));
  st.bind(2, w.limit);
  st.bind(3, w.offset);
  while (st.step()) out.ids.push_back(st.text(0));
  return out;
}

}  // namespace

FeedIds DirectoryFeed::services(ReadTxn& tx, const FeedWindow& w) {
  return window(tx, w, "SELECT count(*) FROM service WHERE ?1 IS NULL OR updated_at >= ?1",
                "SELECT id FROM service WHERE ?1 IS NULL OR updated_at >= ?1 "
                "ORDER BY id LIMIT ?2 OFFSET ?3");
}

FeedIds DirectoryFeed::organizations(ReadTxn& tx, const FeedWindow& w) {
  return window(tx, w, "SELECT count(*) FROM organization WHERE ?1 IS NULL OR updated_at >= ?1",
                "SELECT id FROM organization WHERE ?1 IS NULL OR updated_at >= ?1 "
                "ORDER BY id LIMIT ?2 OFFSET ?3");
}

std::vector<std::string> DirectoryFeed::service_ids_of(ReadTxn& tx, const std::string& organization_id) {
  auto st = tx.prepared("SELECT id FROM service WHERE organization_id = ?1 ORDER BY id");
  st.bind(1, organization_id);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<TerritoryRecord> DirectoryFeed::territory_path(ReadTxn& tx, const std::string& territory_id) {
  std::vector<TerritoryRecord> out;
  std::optional<std::string> next = territory_id;
  // The tree is checked acyclic on write; the bound only guards a damaged database.
  for (int depth = 0; next && depth < 32; ++depth) {
    auto t = TerritoryRepository::find(tx, *next);
    if (!t) break;
    next = t->territory.parent_id;
    out.push_back(std::move(*t));
  }
  return out;
}

}  // namespace enlace::storage
