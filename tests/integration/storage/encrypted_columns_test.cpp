// Every TEXT column of the schema is either encrypted at rest or listed as clear with its
// reason (storage/encrypted_columns.hpp), so that a column added later cannot hold personal
// data in clear unnoticed: add it to one list or the other, and say why in the second.
#include "storage/encrypted_columns.hpp"
#include "storage/migrations.hpp"
#include "storage/sql.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

using namespace enlace::storage;

namespace {

struct TempDb {
  std::string dir, path;
  TempDb() {
    char tmpl[] = "/tmp/enlace-cols-XXXXXX";
    dir = ::mkdtemp(tmpl);
    path = dir + "/test.db";
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
};

bool is_clear_column(std::string_view name) {
  for (const auto& c : kClearTextColumns)
    if (c.name == name) return true;
  return false;
}

// "table.column" of every TEXT column of the newest schema's tables. FTS5 tables and their
// shadow tables hold only what triggers copy from case_file.name_key (listed there), and the
// hex of the ids audit_event.entity_id lists (audit_listing, migration 24).
std::set<std::string> text_columns(Connection& c) {
  std::set<std::string> out;
  auto tables = c.prepared(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
      " AND name NOT LIKE 'case_name_search%' AND name NOT LIKE 'audit_listing%' ORDER BY name");
  while (tables.step()) {
    auto table = tables.text(0);
    auto cols = c.prepared("SELECT name, upper(type) FROM pragma_table_info(?1)");
    cols.bind(1, table);
    while (cols.step())
      if (cols.text(1) == "TEXT") out.insert(table + "." + cols.text(0));
  }
  return out;
}

}  // namespace

TEST(EncryptedColumnsTest, EveryTextColumnIsEncryptedOrListedAsClear) {
  TempDb db;
  ASSERT_TRUE(migrate(db.path).has_value());
  auto c = Connection::open(db.path, {.read_only = true});
  auto columns = text_columns(c);
  ASSERT_GT(columns.size(), 50u) << "the schema was not read";
  for (const auto& name : columns) {
    bool sealed = is_encrypted_column(name), clear = is_clear_column(name);
    EXPECT_TRUE(sealed || clear)
        << name << " is neither in kEncryptedColumns nor in kClearTextColumns "
        << "(storage/encrypted_columns.hpp): seal it if it can hold personal data";
    EXPECT_FALSE(sealed && clear) << name << " is in both lists";
  }
  // Both lists name real columns, so neither keeps a stale entry that hides a gap.
  for (const auto& e : kEncryptedColumns)
    EXPECT_TRUE(columns.count(std::string(e.name))) << e.name << " is not a TEXT column";
  for (const auto& e : kClearTextColumns)
    EXPECT_TRUE(columns.count(std::string(e.name))) << e.name << " is not a TEXT column";
}

TEST(EncryptedColumnsTest, ThePersonsIdentifyingFieldsAreSealed) {
  // The fields a stolen backup would name people with (issue 14).
  for (const char* name :
       {"case_file.given_name", "case_file.family_name", "case_file.birth_date",
        "case_file.phone", "case_file.close_reason", "case_file.notes",
        "case_household.relation", "referral.justification", "referral.reason",
        "referral.outcome", "referral_history.reason", "referral_history.outcome",
        "referral_message.body", "case_need.note"})
    EXPECT_TRUE(is_encrypted_column(name)) << name;
}
