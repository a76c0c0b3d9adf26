// Encryption at rest (issue 10): the raw database file and its WAL hold no plaintext of an
// encrypted field while reads still return it; `enlace rekey` moves everything to a new key.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"
#include "support/totp_code.hpp"

#include "storage/sqlite.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using enlace::test::ServerProcess;
using enlace::test::ServerOptions;
using enlace::test::TempDir;
using enlace::test::totp_code;
using enlace::test::unix_seconds;
namespace json = boost::json;

namespace {

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The database and its WAL, as an attacker with the disk would read them.
bool on_disk(const std::string& db, const std::string& needle) {
  for (const auto& p : {db, db + "-wal"})
    if (std::filesystem::exists(p) && file_bytes(p).find(needle) != std::string::npos) return true;
  return false;
}

std::string stored_secret(const std::string& db) {
  auto c = enlace::storage::Connection::open(db, {.read_only = true});
  auto st = c.prepared("SELECT totp_secret FROM app_user WHERE username = 'ana'");
  return st.step() ? st.opt_text(0).value_or("") : "";
}

std::string write_key(const TempDir& dir, const std::string& name, char fill) {
  auto path = dir.path() + "/" + name;
  std::ofstream(path) << std::string(64, fill) << "\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_read);
  return path;
}

ServerOptions with_key(const std::string& key_file) {
  ServerOptions options;
  options.env = {{"ENLACE_ENCRYPTION_KEY_FILE", key_file}};
  return options;
}

std::string enrol(ServerProcess& s) {
  auto token = s.login("ana");
  auto start = s.post("/api/v1/me/totp", json::object{}, token);
  EXPECT_EQ(start.status, 200) << start.body;
  auto secret = std::string(start.json().at("secret").as_string());
  auto confirm = s.post("/api/v1/me/totp/confirm", {{"code", totp_code(secret, unix_seconds(s.now()))}}, token);
  EXPECT_EQ(confirm.status, 200) << confirm.body;
  return secret;
}

int login_status(ServerProcess& s, const std::string& secret) {
  s.advance_minutes(1);
  return s.post("/api/v1/auth/login", {{"username", "ana"},
                                       {"password", ServerProcess::kPassword},
                                       {"totp", totp_code(secret, unix_seconds(s.now()))}})
      .status;
}

enlace::test::CommandResult rekey(const std::string& db, const std::string& old_key,
                                  const std::string& new_key) {
  std::vector<std::string> argv{ServerProcess::binary(), "rekey", "--db", db, "--new-key-file", new_key};
  if (!old_key.empty()) {
    argv.push_back("--old-key-file");
    argv.push_back(old_key);
  }
  return enlace::test::run_command(argv);
}

}  // namespace

TEST(EncryptionAtRestTest, WithoutAKeyTheSecretIsPlainOnDisk) {
  // The control for the test below: the grep does find a plaintext value.
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto secret = enrol(s);
  EXPECT_TRUE(on_disk(s.db_path(), secret));
}

TEST(EncryptionAtRestTest, TheTotpSecretIsNotOnDiskButStillWorks) {
  TempDir keys;
  ServerProcess s(with_key(write_key(keys, "key-a", 'a')));
  s.add_user("ana", {"system_admin"});
  auto secret = enrol(s);
  EXPECT_FALSE(on_disk(s.db_path(), secret));
  EXPECT_EQ(stored_secret(s.db_path()).rfind("enc1:", 0), 0u);
  EXPECT_EQ(login_status(s, secret), 200);
  s.stop();
  EXPECT_FALSE(on_disk(s.db_path(), secret)) << "after the final checkpoint too";
}

TEST(EncryptionAtRestTest, ServerRefusesToStartWithABadKeyFile) {
  TempDir dir;
  auto bad = dir.path() + "/short";
  std::ofstream(bad) << "abcd\n";
  for (const auto& key_file : {bad, dir.path() + "/missing"}) {
    auto r = enlace::test::run_command({ServerProcess::binary(), "serve", "--db", dir.path() + "/x.db",
                                        "--port", "0"},
                                       "", {{"ENLACE_ENCRYPTION_KEY_FILE", key_file}});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("encryption_key_file"), std::string::npos) << r.output;
  }
}

TEST(EncryptionAtRestTest, RekeyMovesEveryValueToTheNewKey) {
  TempDir keys;
  auto key_a = write_key(keys, "key-a", 'a');
  auto key_b = write_key(keys, "key-b", 'b');
  ServerProcess s(with_key(key_a));
  s.add_user("ana", {"system_admin"});
  auto secret = enrol(s);
  auto r = rekey(s.db_path(), key_a, key_b);
  EXPECT_EQ(r.exit_code, 1) << "refused while the server runs: " << r.output;

  s.stop();
  auto under_a = stored_secret(s.db_path());
  r = rekey(s.db_path(), key_a, key_b);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("re-encrypted 1 values"), std::string::npos) << r.output;
  auto under_b = stored_secret(s.db_path());
  EXPECT_EQ(under_b.rfind("enc1:", 0), 0u);
  EXPECT_NE(under_b.substr(0, 14), under_a.substr(0, 14)) << "another key id";
  EXPECT_FALSE(on_disk(s.db_path(), secret));

  s.restart(with_key(key_b));
  EXPECT_EQ(login_status(s, secret), 200);
  s.restart(with_key(key_a));
  EXPECT_EQ(login_status(s, secret), 500) << "the old key no longer opens anything";
  s.stop();

  // A wrong old key changes nothing.
  auto key_c = write_key(keys, "key-c", 'c');
  r = rekey(s.db_path(), key_c, key_a);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(stored_secret(s.db_path()), under_b);
}

TEST(EncryptionAtRestTest, RekeyEncryptsValuesWrittenBeforeAnyKey) {
  TempDir keys;
  auto key_a = write_key(keys, "key-a", 'a');
  ServerProcess s;
  s.add_user("ana", {"system_admin"});
  auto secret = enrol(s);
  s.stop();
  ASSERT_TRUE(on_disk(s.db_path(), secret));
  auto r = rekey(s.db_path(), "", key_a);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("(1 were plaintext)"), std::string::npos) << r.output;
  EXPECT_FALSE(on_disk(s.db_path(), secret)) << "no copy left in free pages or the WAL";
  s.restart(with_key(key_a));
  EXPECT_EQ(login_status(s, secret), 200);
}

TEST(EncryptionAtRestTest, CaseNotesNeedsReferralTextAndMessagesAreNotOnDiskButRead) {
  TempDir keys;
  ServerProcess s(with_key(write_key(keys, "key-a", 'a')));
  enlace::test::insert_territory(s.db_path(), "t-1", "Legazpi City");
  enlace::test::insert_organization(s.db_path(), "o-desk", "Help desk", "t-1");
  enlace::test::insert_organization(s.db_path(), "o-ngo", "Shelter", "t-1", "civil_society");
  s.add_user("cw", {"caseworker"}, "o-desk");
  s.add_user("ngo", {"caseworker"}, "o-ngo");
  auto cw = s.login("cw");
  auto ngo = s.login("ngo");

  // Distinctive markers, so that a hit in the file can only be the field's plaintext.
  const std::string note = "MARKER-NOTE fled with two children after threats";
  const std::string need_note = "MARKER-NEED needs a ground-floor room";
  const std::string reason = "MARKER-REASON safe shelter tonight";
  const std::string message = "MARKER-MESSAGE she arrives at nine";
  json::object person{{"given_name", "Rosa"}, {"family_name", "Quispe"}, {"birth_date", "1990-05-01"},
                      {"sex", "female"}, {"nationality", "VE"}, {"languages", json::array{"es"}}};
  auto created = s.post("/api/v1/cases",
                        {{"person", person}, {"territory_id", "t-1"},
                         {"specific_needs", json::array{"survivor_of_violence"}},
                         {"needs", json::array{json::object{{"category", "shelter"}, {"urgency", "high"}, {"note", need_note}}}},
                         {"notes", note}},
                        cw);
  ASSERT_EQ(created.status, 201) << created.body;
  auto case_id = std::string(created.json().at("id").as_string());
  auto consent = s.post("/api/v1/cases/" + case_id + "/consents",
                        {{"method", "verbal"}, {"categories", json::array{"shelter"}}, {"organizations", json::array{"o-ngo"}}}, cw);
  ASSERT_EQ(consent.status, 201) << consent.body;
  auto referral = s.post("/api/v1/referrals",
                         {{"case_id", case_id}, {"to_organization_id", "o-ngo"}, {"category", "shelter"},
                          {"urgency", "high"}, {"reason", reason},
                          {"shared_fields", json::array{"given_name", "needs", "specific_needs"}},
                          {"shared_specific_needs", json::array{"survivor_of_violence"}},
                          {"status", "requested"}},
                         cw);
  ASSERT_EQ(referral.status, 201) << referral.body;
  auto referral_id = std::string(referral.json().at("id").as_string());
  auto sent = s.post("/api/v1/referrals/" + referral_id + "/messages", {{"body", message}}, cw);
  ASSERT_EQ(sent.status, 201) << sent.body;

  for (const auto& marker : {"MARKER-NOTE", "MARKER-NEED", "MARKER-REASON", "MARKER-MESSAGE",
                             "survivor_of_violence"})
    EXPECT_FALSE(on_disk(s.db_path(), marker)) << marker;
  EXPECT_TRUE(on_disk(s.db_path(), "Quispe")) << "names stay searchable (docs/SECURITY.md)";

  auto read = s.get("/api/v1/cases/" + case_id, cw);
  ASSERT_EQ(read.status, 200);
  EXPECT_NE(read.body.find(note), std::string::npos);
  EXPECT_NE(read.body.find(need_note), std::string::npos);
  EXPECT_NE(read.body.find("survivor_of_violence"), std::string::npos);
  auto inbox = s.get("/api/v1/referrals/" + referral_id, ngo);
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  EXPECT_NE(inbox.body.find(reason), std::string::npos);
  EXPECT_NE(inbox.body.find("survivor_of_violence"), std::string::npos) << "the snapshot reads back";
  auto messages = s.get("/api/v1/referrals/" + referral_id + "/messages", ngo);
  EXPECT_NE(messages.body.find(message), std::string::npos) << messages.body;
  auto search = s.get("/api/v1/cases?q=quispe", cw);
  EXPECT_NE(search.body.find(case_id), std::string::npos);

  // Rekey walks these columns too; everything still reads under the new key.
  s.stop();
  auto key_b = write_key(keys, "key-b", 'b');
  auto r = rekey(s.db_path(), keys.path() + "/key-a", key_b);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  s.restart(with_key(key_b));
  cw = s.login("cw");
  read = s.get("/api/v1/cases/" + case_id, cw);
  ASSERT_EQ(read.status, 200);
  EXPECT_NE(read.body.find(note), std::string::npos);
  EXPECT_FALSE(on_disk(s.db_path(), "MARKER-"));
}
