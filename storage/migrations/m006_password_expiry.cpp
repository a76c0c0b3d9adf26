// Migration 6: when an administrator's one-time password stops working. A reset password that
// nobody uses must not stay valid for ever (ASVS 2.3.1); NULL for a password the user chose.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM006PasswordExpiry = R"sql(
ALTER TABLE app_user ADD COLUMN password_expires_at INTEGER;
)sql";

}  // namespace enlace::storage::migrations
