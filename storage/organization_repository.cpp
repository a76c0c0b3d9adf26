// Organisations in SQLite: see organization_repository.hpp.
#include "storage/organization_repository.hpp"

namespace enlace::storage {

namespace {

constexpr const char* kColumns =
    "id, name, kind, territory_id, parent_id, email, phone, version, created_at, updated_at, "
    "shares_cases_with_parent, external";

OrganizationRecord read_org(Statement& st) {
  OrganizationRecord r;
  r.id = st.text(0);
  r.organization.name = st.text(1);
  r.organization.kind =
      core::parse_organization_kind(st.text(2)).value_or(core::OrganizationKind::civil_society);
  r.organization.territory_id = st.text(3);
  r.organization.parent_id = st.opt_text(4);
  r.organization.email = st.opt_text(5);
  r.organization.phone = st.opt_text(6);
  r.version = st.int64(7);
  r.created_at = core::from_millis(st.int64(8));
  r.updated_at = core::from_millis(st.int64(9));
  r.organization.shares_cases_with_parent = st.int64(10) != 0;
  r.organization.external = st.int64(11) != 0;
  return r;
}

core::Result<void> check_references(WriteTxn& tx, const std::string& id,
                                    const core::Organization& o) {
  core::FieldErrors errors;
  {
    auto st = tx.prepared("SELECT 1 FROM territory WHERE id = ?1");
    st.bind(1, o.territory_id);
    if (!st.step()) errors.add("territory_id", "does not exist");
  }
  if (o.parent_id) {
    // Walks up from the proposed parent; meeting `id` on the way would make a cycle.
    auto st = tx.prepared(R"sql(
        WITH RECURSIVE up(id, depth) AS (
          SELECT id, 0 FROM organization WHERE id = ?1
          UNION ALL
          SELECT o.parent_id, up.depth + 1 FROM organization o JOIN up ON o.id = up.id
           WHERE o.parent_id IS NOT NULL AND up.depth < 64)
        SELECT count(*), sum(CASE WHEN id = ?2 THEN 1 ELSE 0 END) FROM up)sql");
    st.bind(1, *o.parent_id);
    st.bind(2, id);
    st.step();
    if (st.int64(0) == 0)
      errors.add("parent_id", "does not exist");
    else if (!st.is_null(1) && st.int64(1) > 0)
      errors.add("parent_id", "would make the organisation its own ancestor");
  }
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  return {};
}

}  // namespace

template <class Txn>
core::Result<OrganizationRecord> OrganizationRepository::find(Txn& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM organization WHERE id = ?1";
  auto st = tx.prepared(sql);
  st.bind(1, id);
  if (!st.step()) return core::Error::not_found("organisation");
  return read_org(st);
}
template core::Result<OrganizationRecord> OrganizationRepository::find(ReadTxn&, const std::string&);
template core::Result<OrganizationRecord> OrganizationRepository::find(WriteTxn&, const std::string&);

core::Result<OrganizationRecord> OrganizationRepository::insert(WriteTxn& tx, const std::string& id,
                                                                const core::Organization& o,
                                                                core::Timestamp now) {
  if (auto ok = check_references(tx, id, o); !ok) return ok.error();
  auto st = tx.prepared(R"sql(
      INSERT INTO organization (id, name, kind, territory_id, parent_id, email, phone,
                                created_at, updated_at, shares_cases_with_parent, external)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10))sql");
  st.bind(1, id);
  st.bind(2, o.name);
  st.bind(3, core::to_string(o.kind));
  st.bind(4, o.territory_id);
  st.bind(5, o.parent_id);
  st.bind(6, o.email);
  st.bind(7, o.phone);
  st.bind(8, core::to_millis(now));
  st.bind(9, o.shares_cases_with_parent ? 1 : 0);
  st.bind(10, o.external);
  st.run();
  return OrganizationRecord{id, o, 1, now, now};
}

core::Result<OrganizationRecord> OrganizationRepository::update(WriteTxn& tx, const std::string& id,
                                                                std::int64_t version,
                                                                const core::Organization& o,
                                                                core::Timestamp now) {
  auto current = find(tx, id);
  if (!current) return current.error();
  if (current->version != version) return core::Error::stale();
  if (auto ok = check_references(tx, id, o); !ok) return ok.error();
  auto st = tx.prepared(R"sql(
      UPDATE organization SET name = ?2, kind = ?3, territory_id = ?4, parent_id = ?5,
                              email = ?6, phone = ?7, version = version + 1, updated_at = ?8,
                              shares_cases_with_parent = ?10, external = ?11
       WHERE id = ?1 AND version = ?9)sql");
  st.bind(1, id);
  st.bind(2, o.name);
  st.bind(3, core::to_string(o.kind));
  st.bind(4, o.territory_id);
  st.bind(5, o.parent_id);
  st.bind(6, o.email);
  st.bind(7, o.phone);
  st.bind(8, core::to_millis(now));
  st.bind(9, version);
  st.bind(10, o.shares_cases_with_parent ? 1 : 0);
  st.bind(11, o.external);
  st.run();
  return OrganizationRecord{id, o, version + 1, current->created_at, now};
}

std::vector<OrganizationRecord> OrganizationRepository::list(ReadTxn& tx, const std::string& after,
                                                             int limit) {
  static const std::string sql = std::string("SELECT ") + kColumns +
      " FROM organization WHERE id > ?1 ORDER BY id LIMIT ?2";
  auto st = tx.prepared(sql);
  st.bind(1, after);
  st.bind(2, limit + 1);
  std::vector<OrganizationRecord> out;
  while (st.step()) out.push_back(read_org(st));
  return out;
}

}  // namespace enlace::storage
