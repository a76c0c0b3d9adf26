// The columns encrypted at rest (docs/SECURITY.md). FieldCipher::seal refuses any other
// column, so this list is complete by construction and `enlace rekey` can walk it.
#pragma once

#include <string_view>

namespace enlace::storage {

struct EncryptedColumn {
  std::string_view name;   // "table.column": the associated data of every value
  std::string_view table;
  std::string_view column;
  std::string_view key;    // the primary key columns (some tables are WITHOUT ROWID)
};

inline constexpr EncryptedColumn kEncryptedColumns[] = {
    {"case_file.notes", "case_file", "notes", "id"},
    {"case_file.specific_needs", "case_file", "specific_needs", "id"},
    {"case_need.note", "case_need", "note", "case_id, category"},
    {"referral.snapshot", "referral", "snapshot", "id"},
    {"referral.shared_specific_needs", "referral", "shared_specific_needs", "id"},
    {"referral.reason", "referral", "reason", "id"},
    {"referral.outcome", "referral", "outcome", "id"},
    {"referral_history.reason", "referral_history", "reason", "referral_id, seq"},
    {"referral_history.outcome", "referral_history", "outcome", "referral_id, seq"},
    {"referral_message.body", "referral_message", "body", "id"},
    {"app_user.totp_secret", "app_user", "totp_secret", "id"},
};

inline bool is_encrypted_column(std::string_view name) {
  for (const auto& c : kEncryptedColumns)
    if (c.name == name) return true;
  return false;
}

}  // namespace enlace::storage
