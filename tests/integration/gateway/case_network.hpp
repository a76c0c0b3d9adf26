// A small network for case and consent tests: one municipality, a help desk and an NGO,
// caseworkers in both, and the roles that must never see a case.
#pragma once

#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <boost/json.hpp>

#include <string>

namespace enlace::test {

struct CaseNetwork {
  ServerProcess server;
  std::string cw, cw_other, partner, coordinator, root;  // tokens

  explicit CaseNetwork(ServerOptions options = {}) : server(std::move(options)) {
    insert_territory(server.db_path(), "t-legazpi", "Legazpi City");
    insert_territory(server.db_path(), "t-quito", "Quito");
    insert_organization(server.db_path(), "o-desk", "OFW Help Desk", "t-legazpi");
    insert_organization(server.db_path(), "o-ngo", "Diocese shelter", "t-legazpi", "faith_based");
    server.add_user("cw", {"caseworker"}, "o-desk");
    server.add_user("cw-other", {"caseworker"}, "o-ngo");
    server.add_user("partner", {"partner"}, "o-desk");
    server.add_user("coordinator", {"coordinator"}, "o-desk");
    server.add_user("root", {"system_admin"});
    cw = server.login("cw");
    cw_other = server.login("cw-other");
    partner = server.login("partner");
    coordinator = server.login("coordinator");
    root = server.login("root");
  }

  static boost::json::object person(const std::string& given, const std::string& family,
                                    const std::string& birth_date = "1990-05-01") {
    return {{"given_name", given}, {"family_name", family}, {"birth_date", birth_date},
            {"sex", "female"},     {"nationality", "VE"},   {"languages", {"es"}}};
  }

  // Creates a case and returns its id (expects 201).
  std::string create(const std::string& given, const std::string& family,
                     const std::string& token = "") {
    boost::json::object body{{"person", person(given, family)}, {"territory_id", "t-legazpi"}};
    auto r = server.post("/api/v1/cases", body, token.empty() ? cw : token);
    if (r.status != 201) throw std::runtime_error("create failed: " + r.body);
    return std::string(r.json().at("id").as_string());
  }

  int list_count(const std::string& query = "") {
    auto r = server.get("/api/v1/cases?limit=500" + query, cw);
    return static_cast<int>(r.json().at("items").as_array().size());
  }
};

}  // namespace enlace::test
