// A server with a field key (names sealed, searched through keyed blind indexes), and the ids a
// list answers: what the case-scope suites share.
#pragma once

#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace enlace::test {

// The key file lives in `keys` (kept as long as the server runs); `fill` makes each suite's key
// its own.
inline std::unique_ptr<ServerProcess> keyed_server(const TempDir& keys, char fill) {
  auto key = keys.path() + "/field.key";
  std::ofstream(key) << std::string(64, fill) << "\n";
  ServerOptions o;
  o.env = {{"ENLACE_ENCRYPTION_KEY_FILE", key}};
  return std::make_unique<ServerProcess>(o);
}

// The ids of the items of one page of `target`.
inline std::vector<std::string> listed_ids(ServerProcess& s, const std::string& target,
                                           const std::string& token) {
  auto r = s.get(target, token);
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<std::string> ids;
  auto body = r.json();
  const auto& items = body.at("items").as_array();
  for (const auto& c : items) ids.emplace_back(c.at("id").as_string());
  return ids;
}

inline bool lists(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace enlace::test
