// Two-factor state of a user: the TOTP secret (encrypted at rest), the last step used, and
// hashed one-time recovery codes. Keyed by the signed-in user's own id, or (reset) by a user
// the administrator's scoped lookup already found.
#pragma once

#include "core/account.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

using TwoFactorState = core::TwoFactorState;  // core/account.hpp

class TwoFactorRepository {
 public:
  static std::optional<TwoFactorState> find(WriteTxn& tx, const std::string& user_id);
  // Replaces a pending secret; conflict when two-factor is already on.
  static core::Result<bool> start_enrolment(WriteTxn& tx, const std::string& user_id,
                                            const std::string& secret_base32, core::Timestamp now);
  // Turns two-factor on, marks `step` used and replaces the recovery codes.
  static void enable(WriteTxn& tx, const std::string& user_id, std::int64_t step,
                     const std::vector<std::string>& recovery_code_hashes, core::Timestamp now);
  // Marks a TOTP step used; false when that step or a later one already was (a replay, even
  // one racing this request: the writer runs one job at a time).
  static bool use_step(WriteTxn& tx, const std::string& user_id, std::int64_t step);
  // Spends a recovery code; false when unknown or already spent.
  static bool use_recovery_code(WriteTxn& tx, const std::string& user_id,
                                const std::string& code_hash, core::Timestamp now);
  static int unused_recovery_codes(WriteTxn& tx, const std::string& user_id);
  // An administrator's reset for a lost authenticator: the secret, "on" and every recovery
  // code go, so neither the old device nor an old code signs in; the user enrols again.
  static void reset(WriteTxn& tx, const std::string& user_id, core::Timestamp now);
};

}  // namespace enlace::storage
