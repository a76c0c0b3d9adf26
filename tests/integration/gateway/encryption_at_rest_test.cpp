// Encryption at rest (issues 10 and 14): the raw database file, its WAL and a backup hold no
// plaintext of an encrypted field while reads still return it; `enlace rekey` moves
// everything to a new key; with a key, plaintext planted where a sealed value belongs is
// refused, never served.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"
#include "support/totp_code.hpp"

#include "storage/sql.hpp"

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

// The database and its WAL, as an attacker with the disk would read them. On PostgreSQL the
// server's files are not the test's to read: every row as pg_dump writes it stands in.
bool on_disk(const std::string& db, const std::string& needle) {
  if (enlace::test::testing_postgres())
    return enlace::test::dump_database(db).find(needle) != std::string::npos;
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

// A help desk and a shelter in one city, a caseworker in each: their tokens.
std::pair<std::string, std::string> help_desk_and_shelter(ServerProcess& s) {
  enlace::test::insert_territory(s.db_path(), "t-1", "Legazpi City");
  enlace::test::insert_organization(s.db_path(), "o-desk", "Help desk", "t-1");
  enlace::test::insert_organization(s.db_path(), "o-ngo", "Shelter", "t-1", "civil_society");
  s.add_user("cw", {"caseworker"}, "o-desk");
  s.add_user("ngo", {"caseworker"}, "o-ngo");
  return {s.login("cw"), s.login("ngo")};
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
  const auto sealed_while_running = stored_secret(s.db_path());
  auto r = rekey(s.db_path(), key_a, key_b);
  EXPECT_EQ(r.exit_code, 1) << "refused while the server runs: " << r.output;
  EXPECT_NE(r.output.find("in use"), std::string::npos) << r.output;
  EXPECT_EQ(stored_secret(s.db_path()), sealed_while_running) << "nothing changed";

  s.stop();
  auto under_a = stored_secret(s.db_path());
  r = rekey(s.db_path(), key_a, key_b);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("re-encrypted 1 values"), std::string::npos) << r.output;
  auto under_b = stored_secret(s.db_path());
  EXPECT_EQ(under_b.rfind("enc1:", 0), 0u);
  EXPECT_NE(under_b.substr(0, 14), under_a.substr(0, 14)) << "another key id";
  EXPECT_FALSE(on_disk(s.db_path(), secret));
  EXPECT_FALSE(on_disk(s.db_path(), under_a.substr(0, 14))) << "no value left under the old key";

  s.restart(with_key(key_b));
  EXPECT_EQ(login_status(s, secret), 200);
  s.stop();
  // The old key no longer opens anything: the server refuses it at start, since the audit
  // chain is now keyed with the new key's chain key.
  auto old = enlace::test::run_command({ServerProcess::binary(), "serve", "--db", s.db_path(), "--port", "0"},
                                       "", {{"ENLACE_ENCRYPTION_KEY_FILE", key_a}});
  EXPECT_EQ(old.exit_code, 1) << old.output;
  EXPECT_NE(old.output.find("key id"), std::string::npos) << old.output;

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
  auto [cw, ngo] = help_desk_and_shelter(s);

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
  EXPECT_FALSE(on_disk(s.db_path(), "Quispe")) << "names are sealed too, searched blind";
  EXPECT_FALSE(on_disk(s.db_path(), "quispe")) << "nor kept folded";

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

namespace {

// One canary per personal field: distinctive, so that a hit in a file can only be that
// field's plaintext (names are also looked for folded, as an index would keep them).
struct Canaries {
  std::string given = "Wilhelmyna Canarygiven", family = "Zorbexquil Ñandúvara";
  std::string birth_date = "1983-11-27", phone = "+63 917 555 0199";
  std::string note = "CANARY-NOTE slept in the bus terminal";
  std::string need_note = "CANARY-NEED needs insulin";
  std::string relation = "CANARY-RELATION grandmother";
  std::string justification = "CANARY-JUSTIFICATION at risk tonight, cannot be asked";
  std::string reason = "CANARY-REASON shelter for three nights";
  std::string message = "CANARY-MESSAGE bring the papers";
  std::string outcome = "CANARY-OUTCOME placed in the women's shelter";
  std::string cancel_reason = "CANARY-CANCEL the family moved to Manila";
  std::string close_reason = "CANARY-CLOSE resettled in Cebu";

  std::vector<std::string> on_disk_forms() const {
    return {"Wilhelmyna", "wilhelmyna", "Canarygiven", "canarygiven", "Zorbexquil", "zorbexquil",
            "andúvara", "anduvara", birth_date, "555 0199", "asylum_seeker", "CANARY-"};
  }
};

// A backup's contents as its reader sees them: the SQLite file's bytes, or the SQL that
// pg_restore makes of pg_dump's (compressed) custom format.
bool in_backup(const std::string& path, const std::string& needle) {
  if (enlace::test::testing_postgres())
    return enlace::test::run_command({"/usr/bin/pg_restore", "--data-only", "--file=-", path})
               .output.find(needle) != std::string::npos;
  return file_bytes(path).find(needle) != std::string::npos;
}

std::int64_t version_of(ServerProcess& s, const std::string& referral_id, const std::string& token) {
  return s.get("/api/v1/referrals/" + referral_id, token).json().at("version").as_int64();
}

enlace::test::HttpResponse transition(ServerProcess& s, const std::string& referral_id,
                                const std::string& token, json::object body) {
  auto version = version_of(s, referral_id, token);
  return s.post("/api/v1/referrals/" + referral_id + "/transitions", body, token,
                {{"If-Match", "\"" + std::to_string(version) + "\""}});
}

}  // namespace

TEST(EncryptionAtRestTest, EveryPersonalFieldIsSealedInTheFileTheWalAndABackup) {
  TempDir keys;
  ServerProcess s(with_key(write_key(keys, "key-a", 'a')));
  auto [cw, ngo] = help_desk_and_shelter(s);
  const Canaries k;

  json::object person{{"given_name", k.given}, {"family_name", k.family}, {"birth_date", k.birth_date},
                      {"sex", "female"}, {"nationality", "VE"}, {"languages", json::array{"es"}},
                      {"migratory_status", "asylum_seeker"}, {"phone", k.phone}};
  auto created = s.post("/api/v1/cases",
                        {{"person", person}, {"territory_id", "t-1"},
                         {"needs", json::array{json::object{{"category", "health"}, {"urgency", "high"}, {"note", k.need_note}}}},
                         {"notes", k.note}},
                        cw);
  ASSERT_EQ(created.status, 201) << created.body;
  auto case_id = std::string(created.json().at("id").as_string());
  json::object child{{"given_name", "Niño"}, {"family_name", "Otro"}, {"estimated_age", 7},
                     {"sex", "male"}, {"nationality", "VE"}, {"languages", json::array{"es"}}};
  auto second = s.post("/api/v1/cases", {{"person", child}, {"territory_id", "t-1"}}, cw);
  ASSERT_EQ(second.status, 201) << second.body;
  auto child_id = std::string(second.json().at("id").as_string());
  auto linked = s.post("/api/v1/cases/" + case_id + "/household",
                       {{"case_id", child_id}, {"relation", k.relation}}, cw);
  ASSERT_EQ(linked.status, 200) << linked.body;

  // Under vital interest (a justification), then cancelled with a reason.
  auto vital = s.post("/api/v1/referrals",
                      {{"case_id", case_id}, {"to_organization_id", "o-ngo"}, {"category", "health"},
                       {"urgency", "emergency"}, {"reason", "urgent care"},
                       {"shared_fields", json::array{"given_name"}}, {"status", "requested"},
                       {"legal_basis", "vital_interest"}, {"justification", k.justification}},
                      cw);
  ASSERT_EQ(vital.status, 201) << vital.body;
  auto vital_id = std::string(vital.json().at("id").as_string());
  auto cancelled = transition(s, vital_id, cw, {{"to", "cancelled"}, {"reason", k.cancel_reason}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;

  // Under consent: a reason, a message, and an outcome note when completed.
  auto consent = s.post("/api/v1/cases/" + case_id + "/consents",
                        {{"method", "verbal"}, {"categories", json::array{"health"}}, {"organizations", json::array{"o-ngo"}}}, cw);
  ASSERT_EQ(consent.status, 201) << consent.body;
  auto referral = s.post("/api/v1/referrals",
                         {{"case_id", case_id}, {"to_organization_id", "o-ngo"}, {"category", "health"},
                          {"urgency", "high"}, {"reason", k.reason},
                          {"shared_fields", json::array{"given_name", "family_name", "birth_date", "phone"}},
                          {"status", "requested"}},
                         cw);
  ASSERT_EQ(referral.status, 201) << referral.body;
  auto referral_id = std::string(referral.json().at("id").as_string());
  ASSERT_EQ(s.post("/api/v1/referrals/" + referral_id + "/messages", {{"body", k.message}}, cw).status, 201);
  ASSERT_EQ(transition(s, referral_id, ngo, {{"to", "accepted"}}).status, 200);
  auto done = transition(s, referral_id, ngo, {{"to", "completed"}, {"outcome_code", "service_provided"}, {"outcome", k.outcome}});
  ASSERT_EQ(done.status, 200) << done.body;
  auto closed = s.post("/api/v1/cases/" + child_id + "/close", {{"reason", k.close_reason}}, cw);
  ASSERT_EQ(closed.status, 200) << closed.body;

  // Everything still reads back through the API...
  auto read = s.get("/api/v1/cases/" + case_id, cw);
  ASSERT_EQ(read.status, 200) << read.body;
  auto c = read.json();
  EXPECT_EQ(c.at("person").at("given_name").as_string(), k.given);
  EXPECT_EQ(c.at("person").at("family_name").as_string(), k.family);
  EXPECT_EQ(c.at("person").at("birth_date").as_string(), k.birth_date);
  EXPECT_EQ(c.at("person").at("phone").as_string(), k.phone);
  EXPECT_EQ(c.at("person").at("migratory_status").as_string(), "asylum_seeker");
  EXPECT_EQ(c.at("household").at(0).at("relation").as_string(), k.relation);
  auto sent = s.get("/api/v1/referrals/" + vital_id, cw);
  EXPECT_EQ(sent.json().at("justification").as_string(), k.justification) << sent.body;
  auto received = s.get("/api/v1/referrals/" + referral_id, ngo);
  EXPECT_EQ(received.json().at("outcome").as_string(), k.outcome) << received.body;
  EXPECT_NE(received.body.find(k.phone), std::string::npos) << "the snapshot reads back";

  // ...and no file an attacker could take holds any of it.
  std::string backup = s.dir() + "/canary-backup.db";
  auto made = enlace::test::run_command({ServerProcess::binary(), "backup", "--db", s.db_path(), "--to", backup});
  ASSERT_EQ(made.exit_code, 0) << made.output;
  ASSERT_TRUE(in_backup(backup, "Legazpi City")) << "the control: the backup's plaintext is searchable";
  for (const auto& canary : k.on_disk_forms()) {
    EXPECT_FALSE(on_disk(s.db_path(), canary)) << canary << " in the database or its WAL";
    EXPECT_FALSE(in_backup(backup, canary)) << canary << " in the backup";
  }
  s.stop();
  for (const auto& canary : k.on_disk_forms())
    EXPECT_FALSE(on_disk(s.db_path(), canary)) << canary << " after the final checkpoint";
}

TEST(EncryptionAtRestTest, APlantedPlaintextValueIsRefusedNeverServed) {
  TempDir keys;
  auto key_a = write_key(keys, "key-a", 'a');
  auto key_b = write_key(keys, "key-b", 'b');
  ServerProcess s(with_key(key_a));
  enlace::test::insert_territory(s.db_path(), "t-1", "Legazpi City");
  enlace::test::insert_organization(s.db_path(), "o-desk", "Help desk", "t-1");
  s.add_user("cw", {"caseworker"}, "o-desk");
  auto cw = s.login("cw");
  json::object person{{"given_name", "Rosa"}, {"family_name", "Quispe"}, {"birth_date", "1990-05-01"},
                      {"sex", "female"}, {"nationality", "VE"}, {"languages", json::array{"es"}}};
  auto created = s.post("/api/v1/cases", {{"person", person}, {"territory_id", "t-1"}, {"notes", "real notes"}}, cw);
  ASSERT_EQ(created.status, 201) << created.body;
  auto case_id = std::string(created.json().at("id").as_string());
  // Values sealed under an earlier key (rekey), where `enlace rekey` runs: on PostgreSQL, which
  // has none yet, they stay under the first.
  std::string key = key_a;
  if (!enlace::test::testing_postgres()) {
    s.stop();
    ASSERT_EQ(rekey(s.db_path(), key_a, key_b).exit_code, 0);
    key = key_b;
    s.restart(with_key(key));
  }
  cw = s.login("cw");
  ASSERT_EQ(s.get("/api/v1/cases/" + case_id, cw).status, 200);

  // Someone who can write the file swaps plaintext in while the server runs.
  for (const char* column : {"given_name", "notes"}) {
    std::string sealed;
    {
      auto c = enlace::storage::Connection::open(s.db_path(), {.read_only = false});
      auto st = c.prepared(std::string("SELECT ") + column + " FROM case_file WHERE id = ?1");
      st.bind(1, case_id);
      ASSERT_TRUE(st.step());
      sealed = st.text(0);
      auto up = c.prepared(std::string("UPDATE case_file SET ") + column + " = 'PLANTED Impostor' WHERE id = ?1");
      up.bind(1, case_id);
      up.run();
    }
    auto read = s.get("/api/v1/cases/" + case_id, cw);
    EXPECT_EQ(read.status, 500) << column << ": " << read.body;
    EXPECT_EQ(read.body.find("PLANTED"), std::string::npos) << read.body;
    auto listed = s.get("/api/v1/cases", cw);
    EXPECT_EQ(listed.status, 500) << column << ": " << listed.body;
    EXPECT_EQ(listed.body.find("PLANTED"), std::string::npos);
    // The cause is logged (which column), the planted text is not.
    EXPECT_NE(s.output().find("case_file." + std::string(column) + ": holds plaintext"), std::string::npos)
        << s.output();
    EXPECT_EQ(s.output().find("PLANTED"), std::string::npos);
    // Put back, it reads again.
    {
      auto c = enlace::storage::Connection::open(s.db_path(), {.read_only = false});
      auto up = c.prepared(std::string("UPDATE case_file SET ") + column + " = ?2 WHERE id = ?1");
      up.bind(1, case_id);
      up.bind(2, sealed);
      up.run();
    }
    EXPECT_EQ(s.get("/api/v1/cases/" + case_id, cw).status, 200);
  }

  // Planted while the server is stopped, the database is refused at start, naming the way out.
  s.stop();
  {
    auto c = enlace::storage::Connection::open(s.db_path(), {.read_only = false});
    auto up = c.prepared("UPDATE case_file SET phone = '+63 900 000 0000' WHERE id = ?1");
    up.bind(1, case_id);
    up.run();
  }
  auto start = enlace::test::run_command({ServerProcess::binary(), "serve", "--db", s.db_path(), "--port", "0"},
                                         "", {{"ENLACE_ENCRYPTION_KEY_FILE", key}});
  EXPECT_EQ(start.exit_code, 1) << start.output;
  EXPECT_NE(start.output.find("case_file.phone"), std::string::npos) << start.output;
  EXPECT_NE(start.output.find("enlace rekey"), std::string::npos) << start.output;
}
