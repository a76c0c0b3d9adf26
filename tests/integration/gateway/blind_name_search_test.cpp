// Name search and duplicate warnings with an encryption key (issue 14): names are sealed and
// SQL sees only keyed blind tokens, yet `GET /cases?q=` still finds people by any word's
// prefix, ignoring case and accents, within the caller's organisation, and a second
// registration of the same person is still warned of. `enlace rekey` re-keys the index.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include "storage/sql.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

using enlace::test::ServerOptions;
using enlace::test::ServerProcess;
using enlace::test::TempDir;
namespace json = boost::json;

namespace {

class BlindNameSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    keys_ = new TempDir;
    key_a_ = write_key("key-a", 'a');
    server_ = new ServerProcess(with_key(key_a_));
    const auto& db = server_->db_path();
    enlace::test::insert_territory(db, "t-1", "Legazpi City");
    enlace::test::insert_organization(db, "o-desk", "Help desk", "t-1");
    enlace::test::insert_organization(db, "o-other", "Other desk", "t-1");
    server_->add_user("cw", {"caseworker"}, "o-desk");
    server_->add_user("cw-other", {"caseworker"}, "o-other");
    cw_ = server_->login("cw");
    other_ = server_->login("cw-other");
    jose_ = create(cw_, "José María", "Muñoz Quispe", "1990-05-01");
    joselyn_ = create(cw_, "Joselyn", "Mendoza", "1985-02-11");
    ana_ = create(cw_, "Ana", "O'Neil-Díaz", "2001-09-30");
    other_jose_ = create(other_, "José María", "Muñoz Quispe", "1990-05-01");
  }
  static void TearDownTestSuite() {
    delete server_;
    delete keys_;
  }

  static std::string write_key(const std::string& name, char fill) {
    auto path = keys_->path() + "/" + name;
    std::ofstream(path) << std::string(64, fill) << "\n";
    return path;
  }
  static ServerOptions with_key(const std::string& key) {
    ServerOptions o;
    o.env = {{"ENLACE_ENCRYPTION_KEY_FILE", key}};
    return o;
  }
  static json::object person(const std::string& given, const std::string& family,
                             const std::string& birth) {
    return {{"given_name", given}, {"family_name", family}, {"birth_date", birth},
            {"sex", "female"}, {"nationality", "VE"}, {"languages", json::array{"es"}}};
  }
  static json::value post_case(const std::string& token, const json::object& p) {
    auto r = server_->post("/api/v1/cases", {{"person", p}, {"territory_id", "t-1"}}, token);
    if (r.status != 201) throw std::runtime_error("case not created: " + r.body);
    return r.json();
  }
  static std::string create(const std::string& token, const std::string& given,
                            const std::string& family, const std::string& birth) {
    return std::string(post_case(token, person(given, family, birth)).at("id").as_string());
  }

  // The ids `q` finds for `token`, in order.
  static std::set<std::string> found(const std::string& q, const std::string& token = cw_) {
    auto r = server_->get("/api/v1/cases?q=" + q, token);
    EXPECT_EQ(r.status, 200) << q << ": " << r.body;
    std::set<std::string> ids;
    if (r.status != 200) return ids;
    auto body = r.json();
    for (const auto& c : body.at("items").as_array()) ids.insert(std::string(c.at("id").as_string()));
    return ids;
  }

  static std::vector<std::string> warned(const json::value& created) {
    std::vector<std::string> ids;
    if (auto* w = created.as_object().if_contains("warnings"))
      for (const auto& x : w->as_array())
        if (x.at("code").as_string() == "possible_duplicate") ids.emplace_back(x.at("case_id").as_string());
    return ids;
  }

  static inline TempDir* keys_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::string key_a_, cw_, other_, jose_, joselyn_, ana_, other_jose_;
};

using Ids = std::set<std::string>;

TEST_F(BlindNameSearchTest, FindsByAnyWordsPrefixIgnoringCaseAndAccents) {
  EXPECT_EQ(found("jose"), (Ids{jose_, joselyn_})) << "a whole word is also a prefix";
  EXPECT_EQ(found("JOS%C3%89"), (Ids{jose_, joselyn_})) << "JOSÉ";
  EXPECT_EQ(found("jo"), (Ids{jose_, joselyn_})) << "two letters";
  EXPECT_EQ(found("mu%C3%B1"), (Ids{jose_})) << "muñ";
  EXPECT_EQ(found("munoz"), (Ids{jose_}));
  EXPECT_EQ(found("quispe"), (Ids{jose_})) << "the second family name";
  EXPECT_EQ(found("maria"), (Ids{jose_})) << "the second given name";
  EXPECT_EQ(found("jose%20mu"), (Ids{jose_})) << "every word must match";
  EXPECT_EQ(found("mu%20jose"), (Ids{jose_})) << "in any order";
  EXPECT_EQ(found("jose%20me"), (Ids{joselyn_}));
  EXPECT_EQ(found("neil"), (Ids{ana_})) << "punctuation splits words as before";
  EXPECT_EQ(found("diaz"), (Ids{ana_}));
  EXPECT_EQ(found("o"), (Ids{ana_})) << "a one-letter word is matched whole";
  EXPECT_EQ(found("josex"), Ids{});
  EXPECT_EQ(found("zz"), Ids{});
  EXPECT_EQ(found("%22%2A"), Ids{}) << "nothing searchable";
  EXPECT_EQ(found("jose", other_), (Ids{other_jose_})) << "the caller's organisation only";
}

TEST_F(BlindNameSearchTest, PagesOfASearchFollowTheCursor) {
  auto r = server_->get("/api/v1/cases?q=jo&limit=1", cw_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto first = r.json();
  ASSERT_EQ(first.at("items").as_array().size(), 1u);
  auto cursor = std::string(first.at("next_cursor").as_string());
  auto next = server_->get("/api/v1/cases?q=jo&limit=1&cursor=" + cursor, cw_).json();
  ASSERT_EQ(next.at("items").as_array().size(), 1u);
  EXPECT_NE(next.at("items").at(0).at("id"), first.at("items").at(0).at("id"));
  EXPECT_TRUE(next.at("next_cursor").is_null()) << next;
}

TEST_F(BlindNameSearchTest, DuplicatesAreWarnedOnSealedNamesWithinTheOrganisation) {
  auto same = post_case(cw_, person("JOSE maria", "munoz  QUÍSPE", "1990-05-01"));
  EXPECT_EQ(warned(same), std::vector<std::string>{jose_});
  auto other_birth = post_case(cw_, person("José María", "Muñoz Quispe", "1991-05-01"));
  EXPECT_EQ(warned(other_birth), std::vector<std::string>{}) << "another birth date";
  json::object estimated{{"given_name", "Joselyn"}, {"family_name", "Mendoza"}, {"estimated_age", 41},
                         {"sex", "female"}, {"nationality", "VE"}, {"languages", json::array{"es"}}};
  EXPECT_EQ(warned(post_case(cw_, estimated)), std::vector<std::string>{joselyn_})
      << "an estimated age within a year of the birth date's";
  EXPECT_EQ(warned(post_case(other_, person("Joselyn", "Mendoza", "1985-02-11"))),
            std::vector<std::string>{})
      << "another organisation's case is no duplicate";
}

TEST_F(BlindNameSearchTest, SqlSeesNoNameOnlyKeyedTokens) {
  auto c = enlace::storage::Connection::open(server_->db_path(), {.read_only = true});
  auto st = c.prepared("SELECT name_key, given_name FROM case_file WHERE id = ?1");
  st.bind(1, jose_);
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0).rfind("blind1:", 0), 0u) << st.text(0);
  EXPECT_EQ(st.text(1).rfind("enc1:", 0), 0u);
  // SQLite's FTS5 table (PostgreSQL's trigram index is over name_key, the blind key above).
  if (!enlace::test::testing_postgres()) {
    EXPECT_FALSE(c.prepared("SELECT 1 FROM case_name_search").step()) << "no folded names in FTS";
  }
  auto tokens = c.prepared("SELECT count(*) FROM case_name_token WHERE case_id = ?1");
  tokens.bind(1, jose_);
  ASSERT_TRUE(tokens.step());
  // jose: jo jos jose; maria: ma mar mari maria; munoz: 4; quispe: 5.
  EXPECT_EQ(tokens.int64(0), 3 + 4 + 4 + 5);
  auto same_name = c.prepared("SELECT count(DISTINCT name_key) FROM case_file WHERE id IN (?1, ?2)");
  same_name.bind(1, jose_);
  same_name.bind(2, other_jose_);
  ASSERT_TRUE(same_name.step());
  EXPECT_EQ(same_name.int64(0), 2) << "the same name in two organisations is two keys";
}

TEST(BlindNameSearchRekeyTest, RekeyReindexesNamesWrittenWithoutAKeyAndUnderAnOldOne) {
  TempDir keys;
  auto write = [&](const std::string& name, char fill) {
    auto path = keys.path() + "/" + name;
    std::ofstream(path) << std::string(64, fill) << "\n";
    return path;
  };
  auto key_a = write("key-a", 'a'), key_b = write("key-b", 'b');
  ServerProcess s;  // no key: names plain, FTS as before
  enlace::test::insert_territory(s.db_path(), "t-1", "Legazpi City");
  enlace::test::insert_organization(s.db_path(), "o-desk", "Help desk", "t-1");
  s.add_user("cw", {"caseworker"}, "o-desk");
  auto cw = s.login("cw");
  json::object p{{"given_name", "Rosa Elena"}, {"family_name", "Quíspe"}, {"birth_date", "1990-05-01"},
                 {"sex", "female"}, {"nationality", "VE"}, {"languages", json::array{"es"}}};
  auto made = s.post("/api/v1/cases", {{"person", p}, {"territory_id", "t-1"}}, cw);
  ASSERT_EQ(made.status, 201) << made.body;
  auto id = std::string(made.json().at("id").as_string());
  ASSERT_NE(s.get("/api/v1/cases?q=quis", cw).body.find(id), std::string::npos);
  s.stop();

  auto serve_refused = enlace::test::run_command(
      {ServerProcess::binary(), "serve", "--db", s.db_path(), "--port", "0"}, "",
      {{"ENLACE_ENCRYPTION_KEY_FILE", key_a}});
  EXPECT_EQ(serve_refused.exit_code, 1) << "plaintext names need `enlace rekey` first: "
                                        << serve_refused.output;
  for (const auto& [old_key, new_key] : {std::pair{std::string(), key_a}, std::pair{key_a, key_b}}) {
    std::vector<std::string> argv{ServerProcess::binary(), "rekey", "--db", s.db_path(), "--new-key-file", new_key};
    if (!old_key.empty()) argv.insert(argv.end(), {"--old-key-file", old_key});
    auto r = enlace::test::run_command(argv);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ServerOptions o;
    o.env = {{"ENLACE_ENCRYPTION_KEY_FILE", new_key}};
    s.restart(o);
    cw = s.login("cw");
    EXPECT_NE(s.get("/api/v1/cases?q=QUIS", cw).body.find(id), std::string::npos) << new_key;
    EXPECT_NE(s.get("/api/v1/cases?q=elena%20ros", cw).body.find(id), std::string::npos) << new_key;
    auto dup = s.post("/api/v1/cases", {{"person", p}, {"territory_id", "t-1"}}, cw);
    ASSERT_EQ(dup.status, 201) << dup.body;
    EXPECT_NE(dup.body.find("possible_duplicate"), std::string::npos) << dup.body;
    s.stop();
  }
  // The file's bytes, or on PostgreSQL every row as pg_dump writes it.
  std::string bytes = enlace::test::testing_postgres() ? enlace::test::dump_database(s.db_path()) : "";
  if (!enlace::test::testing_postgres()) {
    std::ifstream in(s.db_path(), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_NE(bytes.find("Legazpi"), std::string::npos) << "the check can see text";
  EXPECT_EQ(bytes.find("quispe"), std::string::npos) << "no folded name left in the FTS index";
  EXPECT_EQ(bytes.find("Rosa"), std::string::npos);
}

}  // namespace
