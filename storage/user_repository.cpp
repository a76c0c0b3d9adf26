// Users and sessions in SQLite: see user_repository.hpp.
#include "storage/user_repository.hpp"

#include "storage/postgres/pg_uri.hpp"

#include "storage/key_ring.hpp"

#include <filesystem>
#include <sstream>

namespace enlace::storage {

namespace {

constexpr const char* kUserColumns =
    "id, username, display_name, COALESCE(organization_id, ''), roles, active, "
    "must_change_password, totp_enabled, version, created_at, updated_at, email, "
    "COALESCE(language, '')";
constexpr int kUserColumnCount = 13;

UserRecord read_user(Statement& st, int c = 0) {
  UserRecord u;
  u.id = st.text(c + 0);
  u.username = st.text(c + 1);
  u.display_name = st.text(c + 2);
  u.organization_id = st.text(c + 3);
  u.roles = roles_from_text(st.text(c + 4));
  u.active = st.int64(c + 5) != 0;
  u.must_change_password = st.int64(c + 6) != 0;
  u.totp_enabled = st.int64(c + 7) != 0;
  u.version = st.int64(c + 8);
  u.created_at = core::from_millis(st.int64(c + 9));
  u.updated_at = core::from_millis(st.int64(c + 10));
  u.email = st.opt_text(c + 11);
  u.language = st.text(c + 12);
  return u;
}

// 1 when the caller sees every user; otherwise the organisation filter applies in SQL.
std::int64_t sees_all(const core::Actor& a) { return a.has(core::Role::system_admin) ? 1 : 0; }

template <class Txn>
std::optional<LoginRecord> login_query(Txn& tx, const std::string& key, bool by_id) {
  static const std::string by_name_sql = std::string("SELECT ") + kUserColumns +
      ", password_hash, totp_secret, totp_last_step, password_expires_at FROM app_user"
      " WHERE username = ?1";
  static const std::string by_id_sql = std::string("SELECT ") + kUserColumns +
      ", password_hash, totp_secret, totp_last_step, password_expires_at FROM app_user"
      " WHERE id = ?1";
  auto st = tx.prepared(by_id ? by_id_sql : by_name_sql);
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  LoginRecord r;
  r.user = read_user(st);
  constexpr int c = kUserColumnCount;
  r.password_hash = st.text(c);
  r.totp_secret = field_cipher().open("app_user.totp_secret", st.opt_text(c + 1));
  r.totp_last_step = st.int64(c + 2);
  if (auto at = st.opt_int64(c + 3)) r.password_expires_at = core::from_millis(*at);
  return r;
}

void write_password(WriteTxn& tx, const std::string& user_id, const std::string& hash,
                    bool must_change, std::optional<core::Timestamp> expires_at,
                    core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      UPDATE app_user SET password_hash = ?2, must_change_password = ?3, password_expires_at = ?4,
                          updated_at = ?5, version = version + 1
       WHERE id = ?1)sql");
  st.bind(1, user_id);
  st.bind(2, hash);
  st.bind(3, must_change);
  if (expires_at)
    st.bind(4, core::to_millis(*expires_at));
  else
    st.bind_null(4);
  st.bind(5, core::to_millis(now));
  st.run();
}

}  // namespace

std::vector<core::Role> roles_from_text(const std::string& text) {
  std::vector<core::Role> out;
  std::istringstream in(text);
  std::string word;
  while (in >> word)
    if (auto r = core::parse_role(word)) out.push_back(*r);
  return out;
}

std::optional<LoginRecord> UserRepository::find_for_login(ReadTxn& tx, const std::string& key,
                                                          bool by_id) {
  return login_query(tx, key, by_id);
}

std::optional<LoginRecord> UserRepository::find_for_login(WriteTxn& tx, const std::string& key,
                                                          bool by_id) {
  return login_query(tx, key, by_id);
}

core::Result<UserRecord> UserRepository::insert(WriteTxn& tx, const NewUser& u, core::Timestamp now) {
  {
    auto dup = tx.prepared("SELECT 1 FROM app_user WHERE username = ?1");
    dup.bind(1, u.username);
    if (dup.step()) return core::Error::invalid_field("username", "is already taken");
  }
  if (!u.organization_id.empty()) {
    auto org = tx.prepared("SELECT 1 FROM organization WHERE id = ?1");
    org.bind(1, u.organization_id);
    if (!org.step()) return core::Error::invalid_field("organization_id", "does not exist");
  }
  auto st = tx.prepared(R"sql(
      INSERT INTO app_user (id, username, display_name, organization_id, roles, password_hash,
                            must_change_password, created_at, updated_at, email, language)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, NULLIF(?10, '')))sql");
  st.bind(1, u.id);
  st.bind(2, u.username);
  st.bind(3, u.display_name);
  if (u.organization_id.empty())
    st.bind_null(4);
  else
    st.bind(4, u.organization_id);
  st.bind(5, core::roles_text(u.roles));
  st.bind(6, u.password_hash);
  st.bind(7, u.must_change_password);
  st.bind(8, core::to_millis(now));
  st.bind(9, u.email);
  st.bind(10, u.language);
  st.run();
  UserRecord r;
  r.id = u.id;
  r.username = u.username;
  r.display_name = u.display_name;
  r.organization_id = u.organization_id;
  r.roles = u.roles;
  r.must_change_password = u.must_change_password;
  r.email = u.email;
  r.language = u.language;
  r.created_at = r.updated_at = now;
  return r;
}

template <class Txn>
static core::Result<UserRecord> find_scoped(Txn& tx, const core::Actor& actor, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kUserColumns +
      " FROM app_user WHERE id = ?1 AND (?2 = 1 OR organization_id = ?3)";
  auto st = tx.prepared(sql);
  st.bind(1, id);
  st.bind(2, sees_all(actor));
  st.bind(3, actor.organization_id);
  if (!st.step()) return core::Error::not_found("user");
  return read_user(st);
}

core::Result<UserRecord> UserRepository::find(ReadTxn& tx, const core::Actor& actor,
                                              const std::string& id) {
  return find_scoped(tx, actor, id);
}

core::Result<UserRecord> UserRepository::find_for_update(WriteTxn& tx, const core::Actor& actor,
                                                         const std::string& id) {
  return find_scoped(tx, actor, id);
}

core::Result<UserRecord> UserRepository::update(WriteTxn& tx, const core::Actor& actor,
                                                const std::string& id, std::int64_t version,
                                                const UserPatch& patch, core::Timestamp now) {
  auto current = find_scoped(tx, actor, id);
  if (!current) return current.error();
  if (current->version != version) return core::Error::stale();
  UserRecord next = *current;
  if (patch.display_name) next.display_name = *patch.display_name;
  if (patch.roles) next.roles = *patch.roles;
  if (patch.active) next.active = *patch.active;
  if (patch.email) next.email = *patch.email;
  if (patch.language) next.language = *patch.language;
  next.version = current->version + 1;
  next.updated_at = now;
  auto st = tx.prepared(R"sql(
      UPDATE app_user SET display_name = ?2, roles = ?3, active = ?4, version = ?5, updated_at = ?6,
                          email = ?8, language = NULLIF(?9, '')
       WHERE id = ?1 AND version = ?7)sql");
  st.bind(1, id);
  st.bind(2, next.display_name);
  st.bind(3, core::roles_text(next.roles));
  st.bind(4, next.active);
  st.bind(5, next.version);
  st.bind(6, core::to_millis(now));
  st.bind(7, version);
  st.bind(8, next.email);
  st.bind(9, next.language);
  st.run();
  return next;
}

core::Result<UserRecord> UserRepository::update_own(WriteTxn& tx, const std::string& id,
                                                    const UserPatch& patch, core::Timestamp now) {
  core::Actor self;
  self.user_id = id;
  self.roles = {core::Role::system_admin};  // the lookup by id alone: it is the caller's own row
  auto current = find_scoped(tx, self, id);
  if (!current) return current.error();
  UserPatch own;
  own.display_name = patch.display_name;
  own.email = patch.email;
  own.language = patch.language;
  return update(tx, self, id, current->version, own, now);
}

std::vector<UserRecord> UserRepository::list(ReadTxn& tx, const core::Actor& actor,
                                             const std::string& after_id, int limit) {
  static const std::string sql = std::string("SELECT ") + kUserColumns +
      " FROM app_user WHERE (?1 = 1 OR organization_id = ?2) AND id > ?3 ORDER BY id LIMIT ?4";
  auto st = tx.prepared(sql);
  st.bind(1, sees_all(actor));
  st.bind(2, actor.organization_id);
  st.bind(3, after_id);
  st.bind(4, limit);
  std::vector<UserRecord> out;
  while (st.step()) out.push_back(read_user(st));
  return out;
}

void UserRepository::set_password(WriteTxn& tx, const std::string& user_id, const std::string& hash,
                                  core::Timestamp now) {
  write_password(tx, user_id, hash, false, std::nullopt, now);
}

void UserRepository::set_temporary_password(WriteTxn& tx, const std::string& user_id,
                                            const std::string& hash, core::Timestamp expires_at,
                                            core::Timestamp now) {
  write_password(tx, user_id, hash, true, expires_at, now);
}

void UserRepository::rehash_password(WriteTxn& tx, const std::string& user_id, const std::string& hash) {
  // Not a change anyone made: version and updated_at stay, so no If-Match goes stale.
  auto st = tx.prepared("UPDATE app_user SET password_hash = ?2 WHERE id = ?1");
  st.bind(1, user_id);
  st.bind(2, hash);
  st.run();
}

bool UserRepository::any_user(WriteTxn& tx) {
  auto st = tx.prepared("SELECT 1 FROM app_user LIMIT 1");
  return st.step();
}

core::Result<bool> read_has_users(const std::string& path) {
  try {
    const bool pg = is_postgres_uri(path);
    if (!pg && !std::filesystem::exists(path)) return false;
    auto c = Connection::open(path, {.read_only = true, .create = false});
    ReadTxn tx(c);
    auto table = tx.prepared(pg ? "SELECT 1 WHERE to_regclass('app_user') IS NOT NULL"
                                : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_user'");
    if (!table.step()) return false;
    auto st = tx.prepared("SELECT 1 FROM app_user LIMIT 1");
    return st.step();
  } catch (const DbError& e) {
    return core::Error::internal("Could not read the database: " + e.message);
  }
}

void SessionRepository::insert(WriteTxn& tx, const NewSession& s) {
  auto st = tx.prepared(R"sql(
      INSERT INTO session (id, token_hash, user_id, created_at, last_used_at, expires_at,
                           address, user_agent)
      VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7))sql");
  st.bind(1, s.id);
  st.bind_blob(2, s.token_hash);
  st.bind(3, s.user_id);
  st.bind(4, core::to_millis(s.created_at));
  st.bind(5, core::to_millis(s.expires_at));
  st.bind(6, s.address);
  st.bind(7, s.user_agent.substr(0, 256));
  st.run();
}

namespace {

constexpr const char* kSessionActorSelect = R"sql(
    SELECT s.id, s.user_id, COALESCE(s.address, ''), COALESCE(s.user_agent, ''), s.created_at,
           s.last_used_at, s.expires_at, s.ended_at,
           COALESCE(u.organization_id, ''), u.roles, u.active, u.totp_enabled,
           u.must_change_password
      FROM session s JOIN app_user u ON u.id = s.user_id)sql";

SessionActor read_session_actor(Statement& st) {
  SessionActor a;
  a.session.id = st.text(0);
  a.session.user_id = st.text(1);
  a.session.address = st.text(2);
  a.session.user_agent = st.text(3);
  a.session.created_at = core::from_millis(st.int64(4));
  a.session.last_used_at = core::from_millis(st.int64(5));
  a.session.expires_at = core::from_millis(st.int64(6));
  if (auto e = st.opt_int64(7)) a.session.ended_at = core::from_millis(*e);
  a.actor.user_id = a.session.user_id;
  a.actor.organization_id = st.text(8);
  a.actor.roles = roles_from_text(st.text(9));
  a.actor.session_id = a.session.id;
  a.user_active = st.int64(10) != 0;
  a.totp_enabled = st.int64(11) != 0;
  a.must_change_password = st.int64(12) != 0;
  return a;
}

}  // namespace

std::optional<SessionActor> SessionRepository::find_by_token(ReadTxn& tx,
                                                             const std::string& token_hash) {
  static const std::string sql = std::string(kSessionActorSelect) + " WHERE s.token_hash = ?1";
  auto st = tx.prepared(sql);
  st.bind_blob(1, token_hash);
  if (!st.step()) return std::nullopt;
  return read_session_actor(st);
}

std::vector<SessionActor> SessionRepository::find_by_ids(ReadTxn& tx,
                                                         const std::vector<std::string>& ids) {
  static const std::string sql = std::string(kSessionActorSelect) + " WHERE s.id = ?1";
  std::vector<SessionActor> out;
  for (const auto& id : ids) {
    // One cached statement, reset each time round: a primary-key lookup per open session.
    auto st = tx.prepared(sql);
    st.bind(1, id);
    if (st.step()) out.push_back(read_session_actor(st));
  }
  return out;
}

void SessionRepository::touch(WriteTxn& tx, const std::string& session_id, core::Timestamp now) {
  auto st = tx.prepared("UPDATE session SET last_used_at = ?2 WHERE id = ?1 AND last_used_at < ?2");
  st.bind(1, session_id);
  st.bind(2, core::to_millis(now));
  st.run();
}

bool SessionRepository::end(WriteTxn& tx, const std::string& user_id, const std::string& session_id,
                            core::Timestamp now) {
  auto st = tx.prepared(
      "UPDATE session SET ended_at = ?3 WHERE id = ?1 AND user_id = ?2 AND ended_at IS NULL");
  st.bind(1, session_id);
  st.bind(2, user_id);
  st.bind(3, core::to_millis(now));
  st.run();
  return tx.changes() > 0;
}

int SessionRepository::end_all_for_user(WriteTxn& tx, const std::string& user_id,
                                        const std::string& except_session_id, core::Timestamp now) {
  auto st = tx.prepared(
      "UPDATE session SET ended_at = ?3 WHERE user_id = ?1 AND id != ?2 AND ended_at IS NULL");
  st.bind(1, user_id);
  st.bind(2, except_session_id);
  st.bind(3, core::to_millis(now));
  st.run();
  return static_cast<int>(tx.changes());
}

std::vector<SessionRecord> SessionRepository::list_active(ReadTxn& tx, const std::string& user_id,
                                                          core::Timestamp now,
                                                          core::Timestamp idle_cutoff) {
  auto st = tx.prepared(R"sql(
      SELECT id, user_id, COALESCE(address, ''), COALESCE(user_agent, ''), created_at,
             last_used_at, expires_at
        FROM session
       WHERE user_id = ?1 AND ended_at IS NULL AND expires_at > ?2 AND last_used_at > ?3
       ORDER BY created_at DESC)sql");
  st.bind(1, user_id);
  st.bind(2, core::to_millis(now));
  st.bind(3, core::to_millis(idle_cutoff));
  std::vector<SessionRecord> out;
  while (st.step()) {
    SessionRecord s;
    s.id = st.text(0);
    s.user_id = st.text(1);
    s.address = st.text(2);
    s.user_agent = st.text(3);
    s.created_at = core::from_millis(st.int64(4));
    s.last_used_at = core::from_millis(st.int64(5));
    s.expires_at = core::from_millis(st.int64(6));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace enlace::storage
