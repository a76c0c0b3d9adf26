// "Known elsewhere in the network" (API.md, Daily work): registering a person whom another
// organisation already has warns {"code":"known_elsewhere"}, naming neither the organisation
// nor its case; folded names and the birth date must match; estimated ages never match across
// organisations; the match uses keyed hashes only (no field key, no match). Real server.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <fstream>

using enlace::test::ServerOptions;
using enlace::test::ServerProcess;
namespace json = boost::json;

namespace {

json::object person(const std::string& given, const std::string& family,
                    const std::optional<std::string>& birth, int estimated_age = 30) {
  json::object p{{"given_name", given}, {"family_name", family}, {"sex", "female"},
                 {"nationality", "VE"},  {"languages", json::array{"es"}}};
  if (birth) p["birth_date"] = *birth;
  else p["estimated_age"] = estimated_age;
  return p;
}

// The warnings of a create, as they came.
json::array warnings_of(ServerProcess& s, const std::string& token, const json::object& p) {
  auto r = s.post("/api/v1/cases", {{"person", p}, {"territory_id", "t-1"}}, token);
  EXPECT_EQ(r.status, 201) << r.body;
  auto body = r.json().as_object();
  return body.contains("warnings") ? body.at("warnings").as_array() : json::array{};
}

bool has_code(const json::array& warnings, const std::string& code) {
  for (const auto& w : warnings)
    if (w.at("code").as_string() == code) return true;
  return false;
}

class KnownElsewhereTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    keys_ = new enlace::test::TempDir();
    auto key = keys_->path() + "/field.key";
    std::ofstream(key) << std::string(64, 'c') << "\n";
    ServerOptions o;
    o.env = {{"ENLACE_ENCRYPTION_KEY_FILE", key}};
    server_ = new ServerProcess(o);
    enlace::test::insert_territory(server_->db_path(), "t-1", "Quito");
    enlace::test::insert_organization(server_->db_path(), "o-desk", "Help desk", "t-1");
    enlace::test::insert_organization(server_->db_path(), "o-ngo", "Shelter", "t-1");
    server_->add_user("desk", {"caseworker"}, "o-desk");
    server_->add_user("desk2", {"caseworker"}, "o-desk");
    server_->add_user("ngo", {"caseworker"}, "o-ngo");
    desk_ = server_->login("desk");
    desk2_ = server_->login("desk2");
    ngo_ = server_->login("ngo");
  }
  static void TearDownTestSuite() {
    delete server_;
    delete keys_;
  }
  static enlace::test::TempDir* keys_;
  static ServerProcess* server_;
  static std::string desk_, desk2_, ngo_;
};
enlace::test::TempDir* KnownElsewhereTest::keys_ = nullptr;
ServerProcess* KnownElsewhereTest::server_ = nullptr;
std::string KnownElsewhereTest::desk_, KnownElsewhereTest::desk2_, KnownElsewhereTest::ngo_;

}  // namespace

TEST_F(KnownElsewhereTest, AnotherOrganisationsCaseIsWarnedWithoutSayingWhose) {
  EXPECT_TRUE(warnings_of(*server_, desk_, person("José María", "Pérez Núñez", "1990-05-04")).empty());
  auto w = warnings_of(*server_, ngo_, person("jose maria", "PEREZ  NUNEZ", "1990-05-04"));
  ASSERT_TRUE(has_code(w, "known_elsewhere")) << json::serialize(w);
  for (const auto& x : w) {
    if (x.at("code") != "known_elsewhere") continue;
    EXPECT_EQ(x.as_object().size(), 1u) << "no organisation, no case id: " << json::serialize(x);
  }
  EXPECT_FALSE(has_code(w, "possible_duplicate")) << "the other organisation's case is not named";
}

TEST_F(KnownElsewhereTest, TheSameOrganisationGetsItsOwnDuplicateWarningInstead) {
  warnings_of(*server_, desk_, person("Ana", "Quispe", "1985-01-02"));
  auto w = warnings_of(*server_, desk2_, person("Ana", "Quispe", "1985-01-02"));
  EXPECT_TRUE(has_code(w, "possible_duplicate"));
  EXPECT_FALSE(has_code(w, "known_elsewhere"));
}

TEST_F(KnownElsewhereTest, ADifferentBirthDateOrAnEstimatedAgeIsNoMatch) {
  warnings_of(*server_, desk_, person("Luz", "Mamani", "1970-03-03"));
  EXPECT_FALSE(has_code(warnings_of(*server_, ngo_, person("Luz", "Mamani", "1970-03-04")), "known_elsewhere"));
  warnings_of(*server_, desk_, person("Rosa", "Flores", std::nullopt, 40));
  EXPECT_FALSE(has_code(warnings_of(*server_, ngo_, person("Rosa", "Flores", std::nullopt, 40)), "known_elsewhere"));
}

TEST_F(KnownElsewhereTest, ThePersonMatchTableHoldsNoName) {
  warnings_of(*server_, desk_, person("Canarywoman", "Zzyzx", "1999-09-09"));
  const auto db = server_->db_path();
  EXPECT_GT(enlace::test::query_int(db, "SELECT count(*) FROM person_match"), 0);
  EXPECT_EQ(enlace::test::query_int(db, "SELECT count(*) FROM person_match WHERE match_key NOT LIKE 'pm1:%'"), 0);
  EXPECT_EQ(enlace::test::query_int(db, "SELECT count(*) FROM person_match WHERE match_key LIKE '%anary%'"), 0);
}

TEST(KnownElsewhereWithoutKey, NoKeyNoMatch) {
  ServerProcess s;
  enlace::test::insert_territory(s.db_path(), "t-1", "Quito");
  enlace::test::insert_organization(s.db_path(), "o-a", "A", "t-1");
  enlace::test::insert_organization(s.db_path(), "o-b", "B", "t-1");
  s.add_user("a", {"caseworker"}, "o-a");
  s.add_user("b", {"caseworker"}, "o-b");
  warnings_of(s, s.login("a"), person("Eva", "Luna", "1992-02-02"));
  EXPECT_FALSE(has_code(warnings_of(s, s.login("b"), person("Eva", "Luna", "1992-02-02")), "known_elsewhere"));
}
