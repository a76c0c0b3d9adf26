// Staff accounts, their sign-in sessions and their second factor as the account use cases
// (core/use_cases/accounts.hpp, sign_in.hpp, two_factor.hpp) and their ports
// (core/ports/account_store.hpp) see them. Password hashes are PHC strings and token hashes
// raw SHA-256 bytes, both made in the gateway: nothing here hashes or draws a secret.
#pragma once

#include "core/directory_access.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

struct UserRecord {
  std::string id, username, display_name, organization_id;
  std::vector<Role> roles;
  bool active = true;
  bool must_change_password = false;
  bool totp_enabled = false;
  std::int64_t version = 1;
  Timestamp created_at{}, updated_at{};
  std::optional<std::string> email;  // where notifications go; none = no e-mail
  std::string language;              // a UI language; empty = the deployment's default

  // What check_user_action needs to decide who may act on this account.
  AccountHolder holder() const { return {id, organization_id, roles}; }
};

// An account as signing in needs it: its password hash and second factor too.
struct LoginRecord {
  UserRecord user;
  std::string password_hash;
  std::optional<Timestamp> password_expires_at;  // set for a one-time password only
  std::optional<std::string> totp_secret;
  std::int64_t totp_last_step = 0;
};

struct NewUser {
  std::string id, username, display_name, organization_id, password_hash;
  std::vector<Role> roles;
  bool must_change_password = false;
  std::optional<std::string> email;
  std::string language;  // empty = the deployment's default
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::vector<Role>> roles;
  std::optional<bool> active;
  std::optional<std::optional<std::string>> email;  // set to nothing: the address is removed
  std::optional<std::string> language;
};

struct SessionRecord {
  std::string id, user_id, address, user_agent;
  Timestamp created_at{}, last_used_at{}, expires_at{};
  std::optional<Timestamp> ended_at;
};

struct NewSession {
  std::string id;
  std::string token_hash;  // raw SHA-256 bytes
  std::string user_id, address, user_agent;
  Timestamp created_at{}, expires_at{};
};

struct TwoFactorState {
  std::optional<std::string> secret;  // base32, decrypted
  bool enabled = false;
  std::int64_t last_step = 0;
};

}  // namespace enlace::core
