// Stale listings (PRODUCT.md: a listing not verified for 6 months is flagged): GET /services
// ?stale=true lists them; POST /services/{id}/verify marks one verified now, for the org_admin
// of the owning organisation or a coordinator, audited; anyone else is refused and nothing
// changes.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <set>

using enlace::test::ServerProcess;
namespace json = boost::json;

namespace {

class ServiceVerifyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_ = new ServerProcess();
    s_->set_now("2026-12-01T10:00:00Z");
    const auto db = s_->db_path();
    enlace::test::insert_territory(db, "t-1", "Legazpi");
    enlace::test::insert_organization(db, "o-own", "Diocese shelter", "t-1", "faith_based");
    enlace::test::insert_organization(db, "o-other", "City desk", "t-1");
    enlace::test::insert_service(db, {"s-never", "o-own", "shelter", {"t-1"}});
    enlace::test::insert_service(db, {"s-old", "o-own", "food", {"t-1"}});
    enlace::test::insert_service(db, {"s-fresh", "o-own", "health", {"t-1"}});
    enlace::test::insert_service(db, {"s-theirs", "o-other", "shelter", {"t-1"}});
    // Seven months ago, one month ago; s-never and s-theirs were never verified.
    // Worked out here: 213 * 86400000 overflows PostgreSQL's 32-bit integer literals.
    constexpr long long kNow = 1796119200000, kDay = 86400000;
    enlace::test::exec_sql(db, "UPDATE service SET last_verified_at = " +
                                   std::to_string(kNow - 213 * kDay) + " WHERE id = 's-old'");
    enlace::test::exec_sql(db, "UPDATE service SET last_verified_at = " +
                                   std::to_string(kNow - 30 * kDay) + " WHERE id = 's-fresh'");
    s_->add_user("own.admin", {"org_admin"}, "o-own");
    s_->add_user("other.admin", {"org_admin"}, "o-other");
    s_->add_user("coord", {"coordinator"}, "o-other");
    s_->add_user("worker", {"caseworker"}, "o-own");
    own_admin_ = s_->login("own.admin");
    other_admin_ = s_->login("other.admin");
    coord_ = s_->login("coord");
    worker_ = s_->login("worker");
  }
  static void TearDownTestSuite() { delete s_; }

  static std::set<std::string> ids(const std::string& query) {
    auto r = s_->get("/api/v1/services?limit=500&" + query, worker_);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::string> out;
    auto body = r.json();
    const auto& items = body.at("items").as_array();
    for (const auto& x : items) out.emplace(x.at("id").as_string());
    return out;
  }
  static json::value service(const std::string& id) {
    return s_->get("/api/v1/services/" + id, worker_).json();
  }

  static ServerProcess* s_;
  static std::string own_admin_, other_admin_, coord_, worker_;
};
ServerProcess* ServiceVerifyTest::s_ = nullptr;
std::string ServiceVerifyTest::own_admin_, ServiceVerifyTest::other_admin_, ServiceVerifyTest::coord_,
    ServiceVerifyTest::worker_;

}  // namespace

TEST_F(ServiceVerifyTest, TheStaleFilterListsListingsNotVerifiedForSixMonths) {
  EXPECT_EQ(ids("stale=true"), (std::set<std::string>{"s-never", "s-old", "s-theirs"}));
  EXPECT_EQ(ids("stale=false"), (std::set<std::string>{"s-fresh"}));
  EXPECT_EQ(ids("stale=true&organization=o-own"), (std::set<std::string>{"s-never", "s-old"}));
  EXPECT_EQ(s_->get("/api/v1/services?stale=maybe", worker_).status, 422);
}

TEST_F(ServiceVerifyTest, OnlyTheOwnersOrgAdminOrACoordinatorVerifies) {
  const auto before = service("s-never");
  EXPECT_EQ(s_->post("/api/v1/services/s-never/verify", json::object{}, other_admin_).status, 403);
  EXPECT_EQ(s_->post("/api/v1/services/s-never/verify", json::object{}, worker_).status, 403);
  EXPECT_EQ(s_->post("/api/v1/services/s-nothing/verify", json::object{}, coord_).status, 404);
  EXPECT_EQ(service("s-never"), before) << "a refusal changes nothing";
  EXPECT_EQ(enlace::test::count_audit(s_->db_path(), "service.verify"), 0);

  auto own = s_->post("/api/v1/services/s-old/verify", json::object{}, own_admin_);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json().at("last_verified_at"), "2026-12-01T10:00:00Z");
  EXPECT_EQ(own.json().at("stale"), false);
  EXPECT_EQ(own.json().at("version"), before.at("version").as_int64() + 1);

  // A coordinator verifies a listing of an organisation that is not theirs, without a body.
  auto coord = s_->send({"POST", "/api/v1/services/s-never/verify", {}, ""}, coord_);
  ASSERT_EQ(coord.status, 200) << coord.body;
  EXPECT_EQ(service("s-never").at("last_verified_at"), "2026-12-01T10:00:00Z");
  EXPECT_EQ(enlace::test::count_audit(s_->db_path(), "service.verify", "s-never"), 1);
  EXPECT_EQ(enlace::test::count_audit(s_->db_path(), "service.verify", "s-old"), 1);
  EXPECT_EQ(ids("stale=true"), (std::set<std::string>{"s-theirs"}));
}
