// Referral targets in SQLite: see referral_targets.hpp.
#include "storage/referral_targets.hpp"

namespace enlace::storage {

namespace {

constexpr const char* kServiceColumns =
    "s.id, s.organization_id, s.category, s.name, s.status, s.accepting, s.expected_wait_days, "
    "s.capacity";

ServiceTarget read_service(Statement& st) {
  ServiceTarget s;
  s.id = st.text(0);
  s.organization_id = st.text(1);
  s.category = st.text(2);
  s.name = st.text(3);
  s.status = st.text(4);
  s.accepting = st.int64(5) != 0;
  s.expected_wait_days = st.opt_int64(6);
  s.capacity = st.opt_int64(7);
  return s;
}

}  // namespace

bool ReferralTargets::organization_exists(WriteTxn& tx, const std::string& id) {
  auto st = tx.prepared("SELECT 1 FROM organization WHERE id = ?1");
  st.bind(1, id);
  return st.step();
}

std::optional<ServiceTarget> ReferralTargets::service(WriteTxn& tx, const std::string& id) {
  static const std::string sql =
      std::string("SELECT ") + kServiceColumns + " FROM service s WHERE s.id = ?1";
  auto st = tx.prepared(sql);
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_service(st);
}

std::vector<ServiceTarget> ReferralTargets::covering(WriteTxn& tx, const std::string& category,
                                                     const std::string& territory_id,
                                                     const std::string& exclude_org) {
  // A service covering a province covers its municipalities: walk up from the territory.
  static const std::string sql = std::string(R"sql(
      WITH RECURSIVE up(id, depth) AS (
        SELECT id, 0 FROM territory WHERE id = ?2
        UNION ALL SELECT t.parent_id, up.depth + 1 FROM territory t JOIN up ON t.id = up.id
         WHERE t.parent_id IS NOT NULL AND up.depth < 16)
      SELECT )sql") + kServiceColumns + R"sql(
        FROM service s
       WHERE s.category = ?1 AND s.accepting = 1 AND s.status = 'active'
         AND s.organization_id <> ?3
         AND EXISTS (SELECT 1 FROM service_territory st
                      WHERE st.service_id = s.id AND st.territory_id IN (SELECT id FROM up))
       ORDER BY COALESCE(s.expected_wait_days, 0), s.name, s.id LIMIT 100)sql";
  auto st = tx.prepared(sql);
  st.bind(1, category);
  st.bind(2, territory_id);
  st.bind(3, exclude_org);
  std::vector<ServiceTarget> out;
  while (st.step()) out.push_back(read_service(st));
  return out;
}

}  // namespace enlace::storage
