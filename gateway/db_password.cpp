// The PostgreSQL password from db_password_file: see db_password.hpp.
#include "gateway/db_password.hpp"

#include "storage/postgres/pg_password.hpp"

#include <fstream>
#include <iostream>

namespace enlace::gateway {

bool install_db_password(const ServeConfig& config) {
  if (config.db_password_file.empty()) return true;
  std::ifstream in(config.db_password_file);
  std::string line;
  if (!in || !std::getline(in, line)) {
    std::cerr << "enlace: db_password_file: cannot read " << config.db_password_file << "\n";
    return false;
  }
  // A file written by `echo` ends in a newline (or CRLF) that is not part of the password.
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.empty()) {
    std::cerr << "enlace: db_password_file: the first line of " << config.db_password_file
              << " is empty\n";
    return false;
  }
  storage::install_pg_password(std::move(line));
  return true;
}

}  // namespace enlace::gateway
