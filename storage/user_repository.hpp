// Users and their sign-in sessions. Scoping: system_admin sees every user, org_admin only
// their own organisation's; enforced in the SQL of each query.
#pragma once

#include "core/account.hpp"
#include "core/audit_event.hpp"
#include "core/directory_access.hpp"
#include "core/result.hpp"
#include "core/session.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

// The account types are the use cases' (core/account.hpp).
using UserRecord = core::UserRecord;
using LoginRecord = core::LoginRecord;
using NewUser = core::NewUser;
using UserPatch = core::UserPatch;
using SessionRecord = core::SessionRecord;
using NewSession = core::NewSession;

// The signed-in caller as authentication needs it (core/session.hpp).
using SessionActor = core::SessionActor;

std::vector<core::Role> roles_from_text(const std::string& text);

class UserRepository {
 public:
  static std::optional<LoginRecord> find_for_login(ReadTxn& tx, const std::string& user_id_or_name,
                                                   bool by_id = false);
  static std::optional<LoginRecord> find_for_login(WriteTxn& tx, const std::string& user_id_or_name,
                                                   bool by_id);
  static core::Result<UserRecord> insert(WriteTxn& tx, const NewUser& u, core::Timestamp now);
  static core::Result<UserRecord> find(ReadTxn& tx, const core::Actor& actor, const std::string& id);
  static core::Result<UserRecord> find_for_update(WriteTxn& tx, const core::Actor& actor,
                                                  const std::string& id);
  static core::Result<UserRecord> update(WriteTxn& tx, const core::Actor& actor,
                                         const std::string& id, std::int64_t version,
                                         const UserPatch& patch, core::Timestamp now);
  // The signed-in user's own profile (PATCH /me): display name, e-mail and language only, no
  // version check (a user edits only their own profile, with no one to race).
  static core::Result<UserRecord> update_own(WriteTxn& tx, const std::string& id, const UserPatch& patch,
                                             core::Timestamp now);
  static std::vector<UserRecord> list(ReadTxn& tx, const core::Actor& actor,
                                      const std::string& after_id, int limit);
  // A password the user chose: nothing left to change, no expiry.
  static void set_password(WriteTxn& tx, const std::string& user_id, const std::string& hash,
                           core::Timestamp now);
  // An administrator's one-time password: to be changed at the first sign-in, and refused
  // from expires_at on.
  static void set_temporary_password(WriteTxn& tx, const std::string& user_id,
                                     const std::string& hash, core::Timestamp expires_at,
                                     core::Timestamp now);
  // The same password hashed at new cost settings: whether it must be changed, and when it
  // expires, stay as they were.
  static void rehash_password(WriteTxn& tx, const std::string& user_id, const std::string& hash);
  // Whether the database has any account (`init --demo` fills only one that has none).
  static bool any_user(WriteTxn& tx);
};

// UserRepository::any_user for the database at `path`, read before `init` migrates it: false
// when the file or its accounts table does not exist yet.
core::Result<bool> read_has_users(const std::string& path);

class SessionRepository {
 public:
  static void insert(WriteTxn& tx, const NewSession& s);
  static std::optional<SessionActor> find_by_token(ReadTxn& tx, const std::string& token_hash);
  // The sessions of these ids that exist, in the order of `ids` (the review of open event
  // streams).
  static std::vector<SessionActor> find_by_ids(ReadTxn& tx, const std::vector<std::string>& ids);
  static void touch(WriteTxn& tx, const std::string& session_id, core::Timestamp now);
  // Ends one of the user's own sessions; false when it is not theirs or already ended.
  static bool end(WriteTxn& tx, const std::string& user_id, const std::string& session_id,
                  core::Timestamp now);
  static int end_all_for_user(WriteTxn& tx, const std::string& user_id,
                              const std::string& except_session_id, core::Timestamp now);
  static std::vector<SessionRecord> list_active(ReadTxn& tx, const std::string& user_id,
                                                core::Timestamp now, core::Timestamp idle_cutoff);
};

}  // namespace enlace::storage
