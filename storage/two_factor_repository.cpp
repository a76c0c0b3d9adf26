// Two-factor state in SQLite: see two_factor_repository.hpp.
#include "storage/two_factor_repository.hpp"

#include "storage/key_ring.hpp"

namespace enlace::storage {

namespace {
constexpr std::string_view kSecretColumn = "app_user.totp_secret";

void delete_recovery_codes(WriteTxn& tx, const std::string& user_id) {
  auto st = tx.prepared("DELETE FROM recovery_code WHERE user_id = ?1");
  st.bind(1, user_id);
  st.run();
}
}  // namespace

std::optional<TwoFactorState> TwoFactorRepository::find(WriteTxn& tx, const std::string& user_id) {
  auto st = tx.prepared("SELECT totp_secret, totp_enabled, totp_last_step FROM app_user WHERE id = ?1");
  st.bind(1, user_id);
  if (!st.step()) return std::nullopt;
  TwoFactorState s;
  s.secret = field_cipher().open(kSecretColumn, st.opt_text(0));
  s.enabled = st.int64(1) != 0;
  s.last_step = st.int64(2);
  return s;
}

core::Result<bool> TwoFactorRepository::start_enrolment(WriteTxn& tx, const std::string& user_id,
                                                        const std::string& secret_base32,
                                                        core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      UPDATE app_user SET totp_secret = ?2, totp_last_step = 0, updated_at = ?3
       WHERE id = ?1 AND totp_enabled = 0)sql");
  st.bind(1, user_id);
  st.bind(2, field_cipher().seal(kSecretColumn, secret_base32));
  st.bind(3, core::to_millis(now));
  st.run();
  if (tx.changes() == 0)
    return core::Error::conflict("totp-already-enabled", "Two-factor sign-in is already on.");
  return true;
}

void TwoFactorRepository::enable(WriteTxn& tx, const std::string& user_id, std::int64_t step,
                                 const std::vector<std::string>& recovery_code_hashes,
                                 core::Timestamp now) {
  auto on = tx.prepared(R"sql(
      UPDATE app_user SET totp_enabled = 1, totp_last_step = ?2, updated_at = ?3,
                          version = version + 1
       WHERE id = ?1)sql");
  on.bind(1, user_id);
  on.bind(2, step);
  on.bind(3, core::to_millis(now));
  on.run();
  delete_recovery_codes(tx, user_id);
  for (const auto& h : recovery_code_hashes) {
    auto ins = tx.prepared("INSERT INTO recovery_code (user_id, code_hash) VALUES (?1, ?2)");
    ins.bind(1, user_id);
    ins.bind(2, h);
    ins.run();
  }
}

bool TwoFactorRepository::use_step(WriteTxn& tx, const std::string& user_id, std::int64_t step) {
  auto st = tx.prepared(
      "UPDATE app_user SET totp_last_step = ?2 WHERE id = ?1 AND totp_enabled = 1 AND totp_last_step < ?2");
  st.bind(1, user_id);
  st.bind(2, step);
  st.run();
  return tx.changes() > 0;
}

bool TwoFactorRepository::use_recovery_code(WriteTxn& tx, const std::string& user_id,
                                            const std::string& code_hash, core::Timestamp now) {
  auto st = tx.prepared(
      "UPDATE recovery_code SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL");
  st.bind(1, user_id);
  st.bind(2, code_hash);
  st.bind(3, core::to_millis(now));
  st.run();
  return tx.changes() > 0;
}

int TwoFactorRepository::unused_recovery_codes(WriteTxn& tx, const std::string& user_id) {
  auto st = tx.prepared("SELECT count(*) FROM recovery_code WHERE user_id = ?1 AND used_at IS NULL");
  st.bind(1, user_id);
  st.step();
  return static_cast<int>(st.int64(0));
}

void TwoFactorRepository::reset(WriteTxn& tx, const std::string& user_id, core::Timestamp now) {
  auto off = tx.prepared(R"sql(
      UPDATE app_user SET totp_secret = NULL, totp_enabled = 0, totp_last_step = 0,
                          updated_at = ?2, version = version + 1
       WHERE id = ?1)sql");
  off.bind(1, user_id);
  off.bind(2, core::to_millis(now));
  off.run();
  delete_recovery_codes(tx, user_id);
}

}  // namespace enlace::storage
