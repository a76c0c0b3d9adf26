// Migration runner: see migrations.hpp.
#include "storage/migrations.hpp"

#include "storage/postgres/pg_migrations.hpp"
#include "storage/postgres/pg_uri.hpp"

#include "storage/migrations/list.hpp"
#include "storage/sql.hpp"

#include <sqlite3.h>

#include <string>

namespace enlace::storage {

namespace {
// Append only. A released migration is never edited: add the next one instead.
// A function-local table: the SQL constants live in other translation units.
std::span<const Migration> table() {
  static const Migration kMigrations[] = {
      {1, "directory", migrations::kM001Directory},
      {2, "cases_referrals", migrations::kM002CasesReferrals},
      {3, "directory_extra", migrations::kM003DirectoryExtra},
      {4, "gap_indexes", migrations::kM004GapIndexes},
      {5, "overdue_pending", migrations::kM005OverduePending},
      {6, "password_expiry", migrations::kM006PasswordExpiry},
      {7, "referral_pages", migrations::kM007ReferralPages},
      {8, "territory_time_zone", migrations::kM008TerritoryTimeZone},
      {9, "blind_name_index", migrations::kM009BlindNameIndex},
      {10, "disclosure_records", migrations::kM010DisclosureRecords},
      {11, "idempotency_keys", migrations::kM011IdempotencyKeys},
      {12, "mail_outbox", migrations::kM012MailOutbox},
      {13, "follow_up", migrations::kM013FollowUp},
      {14, "webhooks", migrations::kM014Webhooks},
      {15, "service_whereabouts", migrations::kM015ServiceWhereabouts},
      {16, "need_status", migrations::kM016NeedStatus},
      {17, "person_match", migrations::kM017PersonMatch},
      {18, "case_sharing", migrations::kM018CaseSharing},
      {19, "external_organizations", migrations::kM019ExternalOrganizations},
      {20, "referral_waiting", migrations::kM020ReferralWaiting},
      {21, "sign_in_failures", migrations::kM021SignInFailures},
      {22, "list_index_rowid", migrations::kM022ListIndexRowid},
      {23, "shared_limits", migrations::kM023SharedLimits},
      {24, "listing_index", migrations::kM024ListingIndex},
  };
  return kMigrations;
}

int read_user_version(Connection& c) {
  auto st = c.prepared(c.is_postgres() ? "SELECT COALESCE((SELECT version FROM enlace_schema), 0)"
                                       : "PRAGMA user_version");
  st.step();
  return static_cast<int>(st.int64(0));
}
}  // namespace

std::span<const Migration> all_migrations() { return table(); }
int latest_schema_version() { return table().back().version; }

core::Result<MigrateOutcome> migrate(const std::string& path) {
  if (is_postgres_uri(path)) return migrate_postgres(path);
  try {
    auto c = Connection::open(path, {.read_only = false, .create = true});
    c.exec("BEGIN IMMEDIATE");
    int from = read_user_version(c);
    if (from > latest_schema_version()) {
      c.exec("ROLLBACK");
      return core::Error::conflict(
          "schema-too-new", "The database has schema version " + std::to_string(from) +
                                " but this enlace knows only up to " +
                                std::to_string(latest_schema_version()) +
                                ": upgrade enlace before using this database.");
    }
    try {
      for (const auto& m : table()) {
        if (m.version <= from) continue;
        c.exec(m.sql);
      }
      // PRAGMA takes no bound parameters; the value is our own integer.
      c.exec(("PRAGMA user_version = " + std::to_string(latest_schema_version())).c_str());
      c.exec("COMMIT");
    } catch (const DbError&) {
      c.exec("ROLLBACK");
      throw;
    }
    return MigrateOutcome{from, latest_schema_version()};
  } catch (const DbError& e) {
    return core::Error::internal("Could not migrate the database: " + e.message);
  }
}

core::Result<int> schema_version(const std::string& path) {
  try {
    auto c = Connection::open(path, {.read_only = true, .create = false});
    return read_user_version(c);
  } catch (const DbError& e) {
    return core::Error::internal("Could not open the database: " + e.message);
  }
}

}  // namespace enlace::storage
