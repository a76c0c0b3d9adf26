// Keyed person matches across organisations: see person_match.hpp.
#include "storage/person_match.hpp"

#include "core/duplicate_match.hpp"
#include "core/hex.hpp"
#include "storage/case_scope.hpp"
#include "storage/sql.hpp"


#include <vector>

namespace enlace::storage {

std::optional<std::string> person_match_key(const FieldCipher& cipher, std::string_view given_name,
                                            std::string_view family_name,
                                            const std::optional<std::string>& birth_date) {
  if (!cipher.enabled() || !birth_date || birth_date->empty()) return std::nullopt;
  const std::string folded = core::duplicate_key(given_name, family_name);
  if (folded.empty()) return std::nullopt;
  // The label keeps these hashes apart from the name index's, which hash an organisation id
  // first under the same key.
  std::string data = "enlace person match v1";
  data += '\x1f';
  data += folded;
  data += '\x1f';
  data += *birth_date;
  return "pm1:" + core::to_hex(cipher.blind(data));
}

void write_person_match(WriteTxn& tx, const std::string& case_id,
                        const std::string& organization_id, const std::optional<std::string>& key) {
  if (!key) {
    auto st = tx.prepared("DELETE FROM person_match WHERE case_id = ?1");
    st.bind(1, case_id);
    st.run();
    return;
  }
  auto st = tx.prepared(R"sql(
      INSERT INTO person_match (case_id, organization_id, match_key) VALUES (?1, ?2, ?3)
      ON CONFLICT (case_id) DO UPDATE SET organization_id = excluded.organization_id,
                                          match_key = excluded.match_key)sql");
  st.bind(1, case_id);
  st.bind(2, organization_id);
  st.bind(3, *key);
  st.run();
}

bool known_elsewhere(WriteTxn& tx, const std::string& viewer, const std::string& key) {
  auto st = tx.prepared("SELECT 1 FROM person_match WHERE match_key = ?1 AND organization_id NOT"
                        ENLACE_IN_CASE_SCOPE("?2") " LIMIT 1");
  st.bind(1, key);
  st.bind(2, viewer);
  return st.step();
}

int fill_person_matches(WriteTxn& tx, const FieldCipher& cipher) {
  if (!cipher.enabled()) return 0;
  struct Row {
    std::string id, org;
    std::optional<std::string> given, family, birth;
  };
  std::vector<Row> rows;
  {
    auto st = tx.prepared(R"sql(
        SELECT c.id, c.organization_id, c.given_name, c.family_name, c.birth_date FROM case_file c
         WHERE c.purged_at IS NULL AND c.birth_date IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM person_match m WHERE m.case_id = c.id))sql");
    while (st.step())
      rows.push_back({st.text(0), st.text(1), st.opt_text(2), st.opt_text(3), st.opt_text(4)});
  }
  int written = 0;
  for (const auto& r : rows) {
    auto key = person_match_key(cipher, cipher.open("case_file.given_name", r.given).value_or(""),
                                cipher.open("case_file.family_name", r.family).value_or(""),
                                cipher.open("case_file.birth_date", r.birth));
    if (!key) continue;
    write_person_match(tx, r.id, r.org, key);
    ++written;
  }
  return written;
}

core::Result<int> fill_person_matches(const std::string& db_path, const FieldCipher& cipher) {
  if (!cipher.enabled()) return 0;
  try {
    auto c = Connection::open(db_path, {});
    c.exec("BEGIN IMMEDIATE");
    try {
      WriteTxn tx(c);
      int written = fill_person_matches(tx, cipher);
      c.exec("COMMIT");
      return written;
    } catch (const DbError&) {
      c.exec("ROLLBACK");
      throw;
    }
  } catch (const DbError& e) {
    return core::Error::internal("Could not write person matches: " + e.message);
  }
}

}  // namespace enlace::storage
