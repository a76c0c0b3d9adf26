// One demo-network server shared by the directory tests (started on first use, stopped at
// exit), with cached sign-ins and lookups of the demo's ids by name.
#pragma once

#include "core/time.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace enlace::test {

inline constexpr const char* kDemoPassword = "demo-password-2026";

// A copy of a reply's list: ranging over r.json().at(...) directly would dangle (the parsed
// value is a temporary that C++20's range-for does not keep alive).
inline boost::json::array list_of(const HttpResponse& r, const char* key) {
  return r.json().at(key).as_array();
}

class DemoNetwork {
 public:
  static DemoNetwork& get() {
    static DemoNetwork n;
    return n;
  }
  ServerProcess& server() { return server_; }

  // A bearer token for a demo account, signed in once and reused while the server's clock
  // stays within the idle limit of its last use: suites move that clock forward (a minute a
  // test), so a token an earlier suite used would otherwise expire in a later one.
  const std::string& token(const std::string& username) {
    const auto now = core::parse_timestamp(server_.now()).value();
    auto it = tokens_.find(username);
    if (it != tokens_.end() && now - it->second.last_used >= std::chrono::minutes(kReuseMinutes))
      tokens_.erase(it), it = tokens_.end();
    if (it == tokens_.end())
      it = tokens_.emplace(username, Token{server_.login(username, kDemoPassword), now}).first;
    it->second.last_used = now;
    return it->second.token;
  }
  void forget(const std::string& username) { tokens_.erase(username); }

  // Territory, organisation and user ids by name (territory name, organisation name, username).
  std::string territory(const std::string& name) { return find("/api/v1/territories", "name", name); }
  std::string organization(const std::string& name) {
    return find("/api/v1/organizations", "name", name);
  }
  std::string user(const std::string& username) { return find("/api/v1/users", "username", username); }
  std::string service(const std::string& name) { return find("/api/v1/services", "name", name); }

 private:
  DemoNetwork() : server_(options()) {}
  static ServerOptions options() {
    ServerOptions o;
    o.demo = true;
    // Two-factor is required by configuration, yet the demo database switches it off.
    o.env["ENLACE_TOTP_REQUIRED"] = "true";
    return o;
  }
  std::string find(const std::string& path, const std::string& key, const std::string& value) {
    auto r = server_.get(path + "?limit=500", token("sysadmin"));
    if (r.status != 200) ADD_FAILURE() << path << ": " << r.status << " " << r.body;
    for (const auto& item : enlace::test::list_of(r, "items"))
      if (item.at(key).as_string() == value) return std::string(item.at("id").as_string());
    ADD_FAILURE() << "no " << value << " in " << path;
    return "";
  }
  // Below the server's 30 idle minutes: a token is used right after token() hands it out.
  static constexpr int kReuseMinutes = 20;
  struct Token {
    std::string token;
    core::Timestamp last_used;
  };
  ServerProcess server_;
  std::map<std::string, Token> tokens_;
};

}  // namespace enlace::test
