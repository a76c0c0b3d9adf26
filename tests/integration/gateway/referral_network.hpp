// A small referral network: PH > Albay > Legazpi City, a help desk that refers (o-desk), an
// NGO that receives (o-ngo), a second provider covering the whole province (o-alt), a closed
// provider (o-closed) and a third organisation (o-third); users for every role.
#pragma once

#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <boost/json.hpp>

#include <stdexcept>
#include <string>

namespace enlace::test {

struct ReferralNetwork {
  ServerProcess server;
  // Tokens.
  std::string cw, desk_admin, desk_partner, ngo_partner, ngo_cw, ngo_admin, third_cw,
      third_partner, third_admin, coordinator, root, auditor;

  explicit ReferralNetwork(ServerOptions options = {}) : server(std::move(options)) {
    const auto& db = server.db_path();
    insert_territory(db, "t-ph", "Philippines", "country");
    insert_territory(db, "t-albay", "Albay", "province", "t-ph");
    insert_territory(db, "t-legazpi", "Legazpi City", "municipality", "t-albay");
    insert_territory(db, "t-quito", "Quito", "municipality");
    insert_organization(db, "o-desk", "OFW Help Desk", "t-legazpi");
    insert_organization(db, "o-ngo", "Diocese shelter", "t-legazpi", "faith_based");
    insert_organization(db, "o-alt", "Provincial shelter network", "t-albay", "civil_society");
    insert_organization(db, "o-closed", "Closed shelter", "t-legazpi", "civil_society");
    insert_organization(db, "o-third", "Unrelated NGO", "t-quito", "civil_society");
    insert_service(db, {.id = "s-ngo-shelter", .organization_id = "o-ngo", .category = "shelter",
                        .territory_ids = {"t-legazpi"}});
    insert_service(db, {.id = "s-ngo-health", .organization_id = "o-ngo", .category = "health",
                        .territory_ids = {"t-legazpi"}, .expected_wait_days = 5});
    insert_service(db, {.id = "s-alt-shelter", .organization_id = "o-alt", .category = "shelter",
                        .territory_ids = {"t-albay"}});
    insert_service(db, {.id = "s-closed-shelter", .organization_id = "o-closed",
                        .category = "shelter", .territory_ids = {"t-legazpi"},
                        .status = "temporarily_closed", .accepting = false});
    insert_service(db, {.id = "s-quito-shelter", .organization_id = "o-third",
                        .category = "shelter", .territory_ids = {"t-quito"}});
    server.add_user("cw", {"caseworker"}, "o-desk");
    server.add_user("desk-admin", {"org_admin"}, "o-desk");
    server.add_user("desk-partner", {"partner"}, "o-desk");
    server.add_user("ngo-partner", {"partner"}, "o-ngo");
    server.add_user("ngo-cw", {"caseworker"}, "o-ngo");
    server.add_user("ngo-admin", {"org_admin"}, "o-ngo");
    server.add_user("third-cw", {"caseworker"}, "o-third");
    server.add_user("third-partner", {"partner"}, "o-third");
    server.add_user("third-admin", {"org_admin"}, "o-third");
    server.add_user("coordinator", {"coordinator"}, "o-desk");
    server.add_user("root", {"system_admin"});
    server.add_user("auditor", {"auditor"});
    login_all();
  }

  // Sessions end after 30 idle minutes, so moving the clock by hours signs everyone in again.
  void advance_minutes(int minutes) {
    server.advance_minutes(minutes);
    login_all();
  }

  void login_all() {
    cw = server.login("cw");
    desk_admin = server.login("desk-admin");
    desk_partner = server.login("desk-partner");
    ngo_partner = server.login("ngo-partner");
    ngo_cw = server.login("ngo-cw");
    ngo_admin = server.login("ngo-admin");
    third_cw = server.login("third-cw");
    third_partner = server.login("third-partner");
    third_admin = server.login("third-admin");
    coordinator = server.login("coordinator");
    root = server.login("root");
    auditor = server.login("auditor");
  }

  // A case of o-desk in Legazpi; returns its id.
  std::string create_case(const std::string& given = "Maricel", const std::string& family = "Dela Cruz") {
    auto r = server.post("/api/v1/cases", case_body(given, family), cw);
    if (r.status != 201) throw std::runtime_error("case create failed: " + r.body);
    return std::string(r.json().at("id").as_string());
  }

  // The body of create_case's request.
  static boost::json::object case_body(const std::string& given, const std::string& family) {
    return boost::json::object{
        {"person",
         {{"given_name", given},
          {"family_name", family},
          {"birth_date", "1986-03-14"},
          {"sex", "female"},
          {"nationality", "PH"},
          {"languages", {"tl", "en"}},
          {"migratory_status", "returnee"},
          {"phone", "+63 917 555 0199"}}},
        {"territory_id", "t-legazpi"},
        {"specific_needs", {"survivor_of_violence"}},
        {"needs", {{{"category", "shelter"}, {"urgency", "high"}, {"note", "two children"}}}}};
  }

  // A consent for o-ngo (and o-alt) covering shelter and health; returns its id.
  std::string consent(const std::string& case_id,
                      boost::json::array orgs = {"o-ngo", "o-alt"},
                      boost::json::array categories = {"shelter", "health"}) {
    boost::json::object body{{"method", "written"}, {"categories", std::move(categories)},
                             {"organizations", std::move(orgs)}};
    auto r = server.post("/api/v1/cases/" + case_id + "/consents", body, cw);
    if (r.status != 201) throw std::runtime_error("consent failed: " + r.body);
    return std::string(r.json().at("id").as_string());
  }

  static boost::json::object referral_body(const std::string& case_id,
                                           const std::string& status = "requested") {
    return {{"case_id", case_id},
            {"to_organization_id", "o-ngo"},
            {"service_id", "s-ngo-shelter"},
            {"category", "shelter"},
            {"urgency", "high"},
            {"reason", "Family of three needs a shelter bed tonight."},
            {"shared_fields", {"given_name", "sex", "needs"}},
            {"status", status}};
  }

  // A case with consent and a referral to o-ngo; returns the referral id.
  std::string referral(const std::string& status = "requested") {
    auto c = create_case();
    consent(c);
    auto r = server.post("/api/v1/referrals", referral_body(c, status), cw);
    if (r.status != 201) throw std::runtime_error("referral failed: " + r.body);
    return std::string(r.json().at("id").as_string());
  }

  std::int64_t version(const std::string& id, const std::string& token) {
    auto r = server.get("/api/v1/referrals/" + id, token);
    if (r.status != 200) throw std::runtime_error("referral read failed: " + r.body);
    return r.json().at("version").as_int64();
  }

  HttpResponse move(const std::string& id, const std::string& token, boost::json::object body,
                    std::int64_t version = 0) {
    if (version == 0) version = this->version(id, token.empty() ? cw : token);
    return server.post("/api/v1/referrals/" + id + "/transitions", body, token,
                       {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
};

}  // namespace enlace::test
