// Services in SQLite: see service_repository.hpp.
#include "storage/service_repository.hpp"

#include "storage/json_text.hpp"
#include "storage/service_rows.hpp"

#include <algorithm>

namespace enlace::storage {

namespace {

core::Result<void> check_references(WriteTxn& tx, const core::ServiceListing& s) {
  core::FieldErrors errors;
  {
    auto st = tx.prepared("SELECT 1 FROM organization WHERE id = ?1");
    st.bind(1, s.organization_id);
    if (!st.step()) errors.add("organization_id", "does not exist");
  }
  {
    auto st = tx.prepared("SELECT 1 FROM category WHERE code = ?1");
    st.bind(1, s.category);
    if (!st.step()) errors.add("category", "is not a known category");
  }
  for (std::size_t i = 0; i < s.territory_ids.size(); ++i) {
    auto st = tx.prepared("SELECT 1 FROM territory WHERE id = ?1");
    st.bind(1, s.territory_ids[i]);
    if (!st.step()) errors.add("territory_ids[" + std::to_string(i) + "]", "does not exist");
  }
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  return {};
}

void write_territories(WriteTxn& tx, const std::string& id, const std::vector<std::string>& ids) {
  auto del = tx.prepared("DELETE FROM service_territory WHERE service_id = ?1");
  del.bind(1, id);
  del.run();
  for (const auto& t : ids) {
    auto st = tx.prepared("INSERT INTO service_territory (service_id, territory_id) VALUES (?1, ?2)");
    st.bind(1, id);
    st.bind(2, t);
    st.run();
  }
}

// Binds ?2..?19 and ?23..?27 of the INSERT and UPDATE below (the listing's own columns).
void bind_listing(Statement& st, const core::ServiceListing& s) {
  st.bind(2, s.organization_id);
  st.bind(3, s.category);
  st.bind(4, s.name);
  st.bind(5, s.name_key);
  st.bind(6, s.description);
  st.bind(7, s.eligibility);
  st.bind(8, s.min_age);
  st.bind(9, s.max_age);
  st.bind(10, encode_string_array(s.languages));
  st.bind(11, s.hours);
  st.bind(12, encode_string_array(s.required_documents));
  st.bind(13, s.fees);
  st.bind(14, s.how_to_apply);
  st.bind(15, core::to_string(s.status));
  st.bind(16, s.capacity_available);
  st.bind(17, s.accepting);
  st.bind(18, s.expected_wait_days);
  if (s.last_verified_at)
    st.bind(19, core::to_millis(*s.last_verified_at));
  else
    st.bind_null(19);
  st.bind(23, s.address);
  st.bind(24, s.phone);
  if (s.location) {
    st.bind(25, s.location->lat);
    st.bind(26, s.location->lon);
  } else {
    st.bind_null(25);
    st.bind_null(26);
  }
  st.bind(27, encode_schedule(s.schedule));
}

}  // namespace

template <class Txn>
core::Result<ServiceRecord> ServiceRepository::find(Txn& tx, const std::string& id) {
  static const std::string sql =
      std::string("SELECT ") + kServiceRowColumns + " FROM service s WHERE s.id = ?1";
  auto st = tx.prepared(sql);
  st.bind(1, id);
  if (!st.step()) return core::Error::not_found("service");
  return read_service(st);
}
template core::Result<ServiceRecord> ServiceRepository::find(ReadTxn&, const std::string&);
template core::Result<ServiceRecord> ServiceRepository::find(WriteTxn&, const std::string&);

core::Result<ServiceRecord> ServiceRepository::insert(WriteTxn& tx, const std::string& id,
                                                      const core::ServiceListing& s,
                                                      core::Timestamp now) {
  if (auto ok = check_references(tx, s); !ok) return ok.error();
  std::optional<core::Timestamp> capacity_at;
  if (s.capacity_available) capacity_at = now;
  auto st = tx.prepared(R"sql(
      INSERT INTO service (id, organization_id, category, name, name_key, description,
                           eligibility, min_age, max_age, languages, hours, required_documents,
                           fees, how_to_apply, status, capacity, accepting, expected_wait_days,
                           last_verified_at, capacity_updated_at, created_at, updated_at,
                           address, phone, latitude, longitude, schedule)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
              ?19, ?20, ?21, ?21, ?23, ?24, ?25, ?26, ?27))sql");
  st.bind(1, id);
  bind_listing(st, s);
  if (capacity_at)
    st.bind(20, core::to_millis(*capacity_at));
  else
    st.bind_null(20);
  st.bind(21, core::to_millis(now));
  st.run();
  write_territories(tx, id, s.territory_ids);
  ServiceRecord r{id, s, capacity_at, 1, now, now};
  std::sort(r.listing.territory_ids.begin(), r.listing.territory_ids.end());
  return r;
}

core::Result<ServiceRecord> ServiceRepository::update(WriteTxn& tx, const std::string& id,
                                                      std::int64_t version,
                                                      const core::ServiceListing& s,
                                                      core::Timestamp now) {
  auto current = find(tx, id);
  if (!current) return current.error();
  if (current->version != version) return core::Error::stale();
  if (auto ok = check_references(tx, s); !ok) return ok.error();
  auto capacity_at = current->capacity_updated_at;
  if (s.capacity_available != current->listing.capacity_available) capacity_at = now;
  auto st = tx.prepared(R"sql(
      UPDATE service SET organization_id = ?2, category = ?3, name = ?4, name_key = ?5,
                         description = ?6, eligibility = ?7, min_age = ?8, max_age = ?9,
                         languages = ?10, hours = ?11, required_documents = ?12, fees = ?13,
                         how_to_apply = ?14, status = ?15, capacity = ?16, accepting = ?17,
                         expected_wait_days = ?18, last_verified_at = ?19,
                         capacity_updated_at = ?20, version = version + 1, updated_at = ?21,
                         address = ?23, phone = ?24, latitude = ?25, longitude = ?26,
                         schedule = ?27
       WHERE id = ?1 AND version = ?22)sql");
  st.bind(1, id);
  bind_listing(st, s);
  if (capacity_at)
    st.bind(20, core::to_millis(*capacity_at));
  else
    st.bind_null(20);
  st.bind(21, core::to_millis(now));
  st.bind(22, version);
  st.run();
  write_territories(tx, id, s.territory_ids);
  ServiceRecord r{id, s, capacity_at, version + 1, current->created_at, now};
  std::sort(r.listing.territory_ids.begin(), r.listing.territory_ids.end());
  return r;
}

core::Result<ServiceRecord> ServiceRepository::mark_verified(WriteTxn& tx, const std::string& id,
                                                             core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      UPDATE service SET last_verified_at = ?2, version = version + 1, updated_at = ?2
       WHERE id = ?1)sql");
  st.bind(1, id);
  st.bind(2, core::to_millis(now));
  st.run();
  if (tx.changes() != 1) return core::Error::not_found("service");
  return find(tx, id);
}

namespace {

// One batch of the filtered list: up to `limit` rows after `after`, in id order.
std::vector<ServiceRecord> list_batch(ReadTxn& tx, const ServiceFilter& f, const std::string& after,
                                      int limit) {
  // `up` is the filter territory and its ancestors: a service covering any of them covers it.
  // The flags ?4, ?9, ?10 and ?11 are compared before they are tested for NULL: PostgreSQL
  // types an untyped parameter (a flag is a number or a condition) where it is first used, and
  // `?4 IS NULL` alone says nothing.
  static const std::string sql = std::string(R"sql(
      WITH RECURSIVE up(id) AS (
        SELECT ?2 WHERE ?2 IS NOT NULL
        UNION
        SELECT t.parent_id FROM territory t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL)
      SELECT )sql") + kServiceRowColumns + R"sql(
        FROM service s
       WHERE (?1 IS NULL OR s.category = ?1)
         AND (?2 IS NULL OR EXISTS (SELECT 1 FROM service_territory st
                                     WHERE st.service_id = s.id
                                       AND st.territory_id IN (SELECT id FROM up)))
         AND (?3 IS NULL OR instr(s.languages, '"' || ?3 || '"') > 0)
         AND (s.accepting = ?4 OR ?4 IS NULL)
         AND (?5 IS NULL OR instr(s.name_key, ?5) > 0)
         AND (?6 IS NULL OR s.organization_id = ?6)
         AND ((s.accepting = 1 AND COALESCE(s.capacity, 1) > 0) = ?9 OR ?9 IS NULL)
         AND ((s.schedule <> '') >= ?10 OR ?10 IS NULL)
         AND ((s.last_verified_at IS NULL OR s.last_verified_at < ?12) = ?11 OR ?11 IS NULL)
         AND s.id > ?7
       ORDER BY s.id LIMIT ?8)sql";
  auto st = tx.prepared(sql);
  st.bind(1, f.category);
  st.bind(2, f.territory_id);
  st.bind(3, f.language);
  st.bind(4, f.accepting);
  st.bind(5, f.query_folded);
  st.bind(6, f.organization_id);
  st.bind(7, after);
  st.bind(8, limit);
  st.bind(9, f.available);
  // open_now=true needs a schedule; whether it is open now is decided below, in local time.
  std::optional<bool> needs_schedule;
  if (f.open_now && *f.open_now) needs_schedule = true;
  st.bind(10, needs_schedule);
  st.bind(11, f.stale);
  st.bind(12, core::to_millis(f.stale_before));
  std::vector<ServiceRecord> out;
  while (st.step()) out.push_back(read_service(st));
  return out;
}

}  // namespace

std::string ServiceRepository::time_zone_of(ReadTxn& tx, const std::string& service_id) {
  // The nearest zone up from any territory the service covers; ties go to the first id.
  auto st = tx.prepared(R"sql(
      WITH RECURSIVE up(id, parent_id, time_zone, depth) AS (
        SELECT t.id, t.parent_id, t.time_zone, 0
          FROM service_territory stt JOIN territory t ON t.id = stt.territory_id
         WHERE stt.service_id = ?1
        UNION ALL
        SELECT t.id, t.parent_id, t.time_zone, up.depth + 1
          FROM territory t JOIN up ON t.id = up.parent_id
         WHERE up.time_zone IS NULL AND up.depth < 32)
      SELECT time_zone FROM up WHERE time_zone IS NOT NULL ORDER BY depth, id LIMIT 1)sql");
  st.bind(1, service_id);
  if (!st.step()) return {};
  return st.text(0);
}

std::vector<ServiceRecord> ServiceRepository::list(ReadTxn& tx, const ServiceFilter& f) {
  if (!f.open_now) return list_batch(tx, f, f.after, f.limit + 1);
  // Opening hours are local times: the rule runs here, over batches in id order, until a page
  // and one more row are found or the listings run out.
  constexpr int kBatch = 200;
  std::vector<ServiceRecord> out;
  std::string after = f.after;
  while (static_cast<int>(out.size()) <= f.limit) {
    auto batch = list_batch(tx, f, after, kBatch);
    const bool more = static_cast<int>(batch.size()) == kBatch;
    if (more) after = batch.back().id;
    for (auto& r : batch) {
      const bool open = core::is_open_now(r.listing, time_zone_of(tx, r.id), f.open_at);
      if (open == *f.open_now && static_cast<int>(out.size()) <= f.limit) out.push_back(std::move(r));
    }
    if (!more) break;
  }
  return out;
}

}  // namespace enlace::storage
