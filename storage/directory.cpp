// Directory lookups: see directory.hpp.
#include "storage/directory.hpp"

#include "storage/service_rows.hpp"

namespace enlace::storage {

template <class Txn>
std::optional<ServiceRecord> Directory::find_service(Txn& tx, const std::string& service_id) {
  auto r = ServiceRepository::find(tx, service_id);
  if (!r) return std::nullopt;
  return std::move(*r);
}

template <class Txn>
std::vector<ServiceRecord> Directory::services_covering(Txn& tx, const std::string& category,
                                                        const std::string& territory_id) {
  static const std::string sql = std::string(R"sql(
      WITH RECURSIVE up(id) AS (
        SELECT ?2
        UNION
        SELECT t.parent_id FROM territory t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL)
      SELECT )sql") + kServiceRowColumns + R"sql(
        FROM service s
       WHERE s.category = ?1
         AND EXISTS (SELECT 1 FROM service_territory st
                      WHERE st.service_id = s.id AND st.territory_id IN (SELECT id FROM up))
       ORDER BY s.id)sql";
  auto st = tx.prepared(sql);
  st.bind(1, category);
  st.bind(2, territory_id);
  std::vector<ServiceRecord> out;
  while (st.step()) out.push_back(read_service(st));
  return out;
}

template <class Txn>
bool Directory::organization_exists(Txn& tx, const std::string& organization_id) {
  auto st = tx.prepared("SELECT 1 FROM organization WHERE id = ?1");
  st.bind(1, organization_id);
  return st.step();
}

template <class Txn>
std::vector<std::string> Directory::territory_ancestors(Txn& tx, const std::string& territory_id) {
  // depth bounds the walk even if a hand-edited database held a cycle.
  auto st = tx.prepared(R"sql(
      WITH RECURSIVE up(id, parent_id, depth) AS (
        SELECT id, parent_id, 0 FROM territory WHERE id = ?1
        UNION ALL
        SELECT t.id, t.parent_id, up.depth + 1 FROM territory t JOIN up ON t.id = up.parent_id
         WHERE up.depth < 32)
      SELECT id FROM up ORDER BY depth)sql");
  st.bind(1, territory_id);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

template <class Txn>
std::vector<std::string> Directory::territory_subtree(Txn& tx, const std::string& territory_id) {
  auto st = tx.prepared(R"sql(
      WITH RECURSIVE down(id, depth) AS (
        SELECT id, 0 FROM territory WHERE id = ?1
        UNION ALL
        SELECT t.id, down.depth + 1 FROM territory t JOIN down ON t.parent_id = down.id
         WHERE down.depth < 32)
      SELECT id FROM down ORDER BY depth, id)sql");
  st.bind(1, territory_id);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

#define ENLACE_DIRECTORY_FOR(Txn)                                                              \
  template std::optional<ServiceRecord> Directory::find_service(Txn&, const std::string&);    \
  template std::vector<ServiceRecord> Directory::services_covering(Txn&, const std::string&,  \
                                                                   const std::string&);       \
  template bool Directory::organization_exists(Txn&, const std::string&);                     \
  template std::vector<std::string> Directory::territory_ancestors(Txn&, const std::string&); \
  template std::vector<std::string> Directory::territory_subtree(Txn&, const std::string&);
ENLACE_DIRECTORY_FOR(ReadTxn)
ENLACE_DIRECTORY_FOR(WriteTxn)
#undef ENLACE_DIRECTORY_FOR

}  // namespace enlace::storage
