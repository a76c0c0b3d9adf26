// The role's password: see pg_password.hpp.
#include "storage/postgres/pg_password.hpp"

#include <openssl/crypto.h>

namespace enlace::storage {

namespace {
// Written at start-up only (one thread), read by connections afterwards.
std::string& password() {
  static std::string p;
  return p;
}
}  // namespace

void install_pg_password(std::string p) {
  OPENSSL_cleanse(password().data(), password().size());
  password() = std::move(p);
}

const std::string& installed_pg_password() { return password(); }

}  // namespace enlace::storage
