// Territories in SQLite: see territory_repository.hpp.
#include "storage/territory_repository.hpp"

namespace enlace::storage {

namespace {

constexpr const char* kColumns =
    "id, name, level, parent_id, code, version, created_at, updated_at, time_zone";

TerritoryRecord read_territory(Statement& st) {
  TerritoryRecord r;
  r.id = st.text(0);
  r.territory.name = st.text(1);
  r.territory.level = core::parse_territory_level(st.text(2)).value_or(core::TerritoryLevel::country);
  r.territory.parent_id = st.opt_text(3);
  r.territory.code = st.opt_text(4);
  r.version = st.int64(5);
  r.created_at = core::from_millis(st.int64(6));
  r.updated_at = core::from_millis(st.int64(7));
  r.territory.time_zone = st.opt_text(8);
  return r;
}

}  // namespace

template <class Txn>
core::Result<TerritoryRecord> TerritoryRepository::find(Txn& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM territory WHERE id = ?1";
  auto st = tx.prepared(sql);
  st.bind(1, id);
  if (!st.step()) return core::Error::not_found("territory");
  return read_territory(st);
}
template core::Result<TerritoryRecord> TerritoryRepository::find(ReadTxn&, const std::string&);
template core::Result<TerritoryRecord> TerritoryRepository::find(WriteTxn&, const std::string&);

core::Result<TerritoryRecord> TerritoryRepository::insert(WriteTxn& tx, const std::string& id,
                                                          const core::Territory& t,
                                                          core::Timestamp now) {
  if (t.parent_id) {
    auto parent = find(tx, *t.parent_id);
    if (!parent) return core::Error::invalid_field("parent_id", "does not exist");
    if (auto ok = core::check_territory_parent(t.level, parent->territory.level); !ok)
      return ok.error();
  }
  auto st = tx.prepared(R"sql(
      INSERT INTO territory (id, name, level, parent_id, code, time_zone, created_at, updated_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7))sql");
  st.bind(1, id);
  st.bind(2, t.name);
  st.bind(3, core::to_string(t.level));
  st.bind(4, t.parent_id);
  st.bind(5, t.code);
  st.bind(6, t.time_zone);
  st.bind(7, core::to_millis(now));
  st.run();
  return TerritoryRecord{id, t, 1, now, now};
}

std::vector<TerritoryRecord> TerritoryRepository::list(ReadTxn& tx, const TerritoryFilter& f) {
  static const std::string sql = std::string("SELECT ") + kColumns + R"sql(
        FROM territory
       WHERE (?1 IS NULL OR parent_id = ?1) AND id > ?2
       ORDER BY id LIMIT ?3)sql";
  auto st = tx.prepared(sql);
  st.bind(1, f.parent_id);
  st.bind(2, f.after);
  st.bind(3, f.limit + 1);
  std::vector<TerritoryRecord> out;
  while (st.step()) out.push_back(read_territory(st));
  return out;
}

std::optional<std::string> TerritoryRepository::time_zone_of_organization(
    ReadTxn& tx, const std::string& organization_id) {
  // Walks up from the organisation's territory and stops at the first zone; depth bounds the
  // walk even if a hand-edited database held a cycle.
  auto st = tx.prepared(R"sql(
      WITH RECURSIVE up(parent_id, time_zone, depth) AS (
        SELECT t.parent_id, t.time_zone, 0
          FROM organization o JOIN territory t ON t.id = o.territory_id
         WHERE o.id = ?1
        UNION ALL
        SELECT t.parent_id, t.time_zone, up.depth + 1 FROM territory t JOIN up ON t.id = up.parent_id
         WHERE up.time_zone IS NULL AND up.depth < 32)
      SELECT time_zone FROM up WHERE time_zone IS NOT NULL)sql");
  st.bind(1, organization_id);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

}  // namespace enlace::storage
