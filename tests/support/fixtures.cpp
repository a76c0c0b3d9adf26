// Direct database fixtures: see fixtures.hpp.
#include "support/fixtures.hpp"

#include "storage/sql.hpp"
#include "support/server_process.hpp"

#include <memory>
#include <mutex>

namespace enlace::test {

using storage::Connection;

namespace {

// Runs f(connection) on the database. A PostgreSQL connection costs tens of milliseconds here
// (the server starts a backend that signs in), and suites query the server's database after
// nearly every request, so the last database's connection (one per mode) is kept and reused;
// one cut since (the database dropped, a test ending backends) is opened again. SQLite files
// are opened afresh: cheap, and a test may replace the file.
template <class F>
auto with_db(const std::string& db_path, bool read_only, F&& f) {
  if (!db_path.starts_with("postgresql:")) {
    auto c = Connection::open(db_path, {.read_only = read_only});
    return f(c);
  }
  struct Kept {
    std::string path;
    std::unique_ptr<Connection> connection;
  };
  static std::mutex m;
  static Kept kept[2];
  std::lock_guard lock(m);
  Kept& k = kept[read_only ? 1 : 0];
  for (int attempt = 0;; ++attempt) {
    if (!k.connection || k.path != db_path) {
      k.connection.reset();
      k.connection = std::make_unique<Connection>(Connection::open(db_path, {.read_only = read_only}));
      k.path = db_path;
    }
    try {
      return f(*k.connection);
    } catch (const storage::DbError& e) {
      k.connection.reset();
      if (attempt > 0 || e.failure != storage::StorageFailure::unavailable) throw;
    }
  }
}

}  // namespace

void insert_territory(const std::string& db_path, const std::string& id, const std::string& name,
                      const std::string& level, const std::string& parent_id) {
  return with_db(db_path, false, [&](Connection& c) {
    auto st = c.prepared(R"sql(
        INSERT INTO territory (id, name, level, parent_id, created_at, updated_at)
        VALUES (?1, ?2, ?3, NULLIF(?4, ''), 0, 0))sql");
    st.bind(1, id);
    st.bind(2, name);
    st.bind(3, level);
    st.bind(4, parent_id);
    st.run();
  });
}

void insert_organization(const std::string& db_path, const std::string& id,
                         const std::string& name, const std::string& territory_id,
                         const std::string& kind) {
  return with_db(db_path, false, [&](Connection& c) {
    auto st = c.prepared(R"sql(
        INSERT INTO organization (id, name, kind, territory_id, created_at, updated_at)
        VALUES (?1, ?2, ?3, ?4, 0, 0))sql");
    st.bind(1, id);
    st.bind(2, name);
    st.bind(3, kind);
    st.bind(4, territory_id);
    st.run();
  });
}

void insert_service(const std::string& db_path, const ServiceFixture& s) {
  return with_db(db_path, false, [&](Connection& c) {
    auto st = c.prepared(R"sql(
        INSERT INTO service (id, organization_id, category, name, name_key, languages,
                             required_documents, status, accepting, expected_wait_days,
                             created_at, updated_at)
        VALUES (?1, ?2, ?3, ?4, lower(?4), '[]', '[]', ?5, ?6, ?7, 0, 0))sql");
    st.bind(1, s.id);
    st.bind(2, s.organization_id);
    st.bind(3, s.category);
    st.bind(4, s.name);
    st.bind(5, s.status);
    st.bind(6, s.accepting);
    if (s.expected_wait_days) st.bind(7, static_cast<std::int64_t>(*s.expected_wait_days));
    else st.bind_null(7);
    st.run();
    for (const auto& t : s.territory_ids) {
      auto link = c.prepared("INSERT INTO service_territory (service_id, territory_id) VALUES (?1, ?2)");
      link.bind(1, s.id);
      link.bind(2, t);
      link.run();
    }
  });
}

void copy_referral(const std::string& db_path, const std::string& id, int copies,
                   const std::string& prefix) {
  return with_db(db_path, false, [&](Connection& c) {
    auto st = c.prepared(R"sql(
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
        INSERT INTO referral (id, case_id, from_org, to_org, service_id, category, urgency, reason,
                              status, legal_basis, consent_id, justification, shared_fields,
                              snapshot, respond_by, requested_at, responded_at, closed_at,
                              reason_code, outcome_code, outcome, overdue_notified_at, reviewed_at,
                              reviewed_by, created_by, version, created_at, updated_at)
        SELECT ?3 || '-' || n.i, case_id, from_org, to_org, service_id, category, urgency, reason,
               status, legal_basis, consent_id, justification, shared_fields, snapshot, respond_by,
               requested_at, responded_at, closed_at, reason_code, outcome_code, outcome,
               overdue_notified_at, reviewed_at, reviewed_by, created_by, version, created_at,
               updated_at
          FROM referral, n WHERE referral.id = ?1)sql");
    st.bind(1, id);
    st.bind(2, copies);
    st.bind(3, prefix);
    st.run();
  });
}

int count_audit(const std::string& db_path, const std::string& action,
                const std::string& entity_id, const std::string& outcome) {
  return with_db(db_path, true, [&](Connection& c) {
    auto st = c.prepared(R"sql(
        SELECT COUNT(*) FROM audit_event
         WHERE action = ?1 AND (?2 = '' OR entity_id = ?2) AND (?3 = '' OR outcome = ?3))sql");
    st.bind(1, action);
    st.bind(2, entity_id);
    st.bind(3, outcome);
    st.step();
    return static_cast<int>(st.int64(0));
  });
}

long long query_int(const std::string& db_path, const std::string& sql) {
  return with_db(db_path, true, [&](Connection& c) {
    auto st = c.prepared(sql);
    st.step();
    return st.int64(0);
  });
}

void exec_sql(const std::string& db_path, const std::string& sql) {
  return with_db(db_path, false, [&](Connection& c) {
    c.exec(sql.c_str());
  });
}

std::string dump_database(const std::string& db_path, const std::string& table) {
  if (db_path.starts_with("postgresql:")) {
    std::vector<std::string> argv{"/usr/bin/pg_dump", "--data-only", "--inserts", "--no-password"};
    if (!table.empty()) argv.push_back("--table=public." + table);
    argv.push_back("--dbname=" + db_path);
    return run_command(argv).output;
  }
  return run_command({"/usr/bin/sqlite3", db_path, table.empty() ? ".dump" : ".dump " + table}).output;
}

}  // namespace enlace::test
