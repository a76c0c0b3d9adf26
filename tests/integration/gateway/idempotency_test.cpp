// Idempotent writes for offline sync (API.md, "Offline sync: idempotent writes"): the five
// write endpoints that take an Idempotency-Key answer a repeat with the first answer and
// change nothing; a reused key with another body is 422; bad keys are 400; 409s are not kept;
// keys are per user and per path, expire after 24 hours, and hold across a crash.
#include "referral_network.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <functional>
#include <memory>
#include <thread>

using namespace enlace::test;
namespace bj = boost::json;

namespace {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

HeaderList with_key(const std::string& key, HeaderList more = {}) {
  more.emplace_back("Idempotency-Key", key);
  return more;
}

std::string if_match(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

// One write endpoint, set up fresh: where to post, two different bodies, the headers it needs
// besides the key, and how many records of its kind exist now.
struct Target {
  std::string path;
  bj::object body;
  bj::object other_body;
  HeaderList headers;
  int created_status = 201;
  std::function<std::size_t()> count;
};

std::size_t array_size(const HttpResponse& r, const char* field) {
  if (r.status != 200) throw std::runtime_error("read failed: " + r.body);
  return r.json().at(field).as_array().size();
}

// Cases of o-desk whose given name is `name` (a fresh name per test).
std::size_t cases_named(ServerProcess& s, const std::string& token, const std::string& name) {
  auto r = s.get("/api/v1/cases?limit=500", token);
  if (r.status != 200) throw std::runtime_error("list failed: " + r.body);
  std::size_t n = 0;
  const auto body3 = r.json();  // named: a range-for over a temporary's member dangles
  for (const auto& c : body3.at("items").as_array())
    if (bj::serialize(c).find(name) != std::string::npos) ++n;
  return n;
}

bj::object case_body(const std::string& given) {
  return {{"person",
           {{"given_name", given}, {"family_name", "Idempotent"}, {"estimated_age", 30},
            {"sex", "female"}, {"nationality", "PH"}}},
          {"territory_id", "t-legazpi"},
          {"needs", {{{"category", "shelter"}, {"urgency", "high"}}}}};
}

std::size_t referrals_of_case(ServerProcess& s, const std::string& token, const std::string& case_id) {
  auto r = s.get("/api/v1/referrals?box=outbox&limit=500", token);
  if (r.status != 200) throw std::runtime_error("outbox failed: " + r.body);
  std::size_t n = 0;
  const auto body4 = r.json();  // named: a range-for over a temporary's member dangles
  for (const auto& x : body4.at("items").as_array())
    if (bj::serialize(x).find(case_id) != std::string::npos) ++n;
  return n;
}

// The clock stands still, so the per-minute request limit would never refill.
ServerOptions many_requests() {
  ServerOptions o;
  o.env = {{"ENLACE_RATE_LIMIT_PER_MINUTE", "1000000"}};
  return o;
}

class IdempotencyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    net = new ReferralNetwork(many_requests());
    net->server.add_user("cw2", {"caseworker"}, "o-desk");
    cw2 = net->server.login("cw2");
  }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static ReferralNetwork* net;
  static std::string cw2;
  static int serial;

  static std::string fresh(const std::string& prefix) { return prefix + std::to_string(++serial); }

  // The five endpoints, each on fresh records, as the caseworker cw.
  static std::vector<std::pair<std::string, std::function<Target()>>> endpoints() {
    return {
        {"POST /cases",
         [] {
           auto name = fresh("Idemcase");
           return Target{"/api/v1/cases", case_body(name), case_body(name + "x"), {}, 201,
                         [name] { return cases_named(net->server, net->cw, name); }};
         }},
        {"POST /cases/{id}/consents",
         [] {
           auto c = net->create_case();
           bj::object body{{"method", "written"}, {"categories", {"shelter"}}, {"organizations", {"o-ngo"}}};
           auto other = body;
           other["categories"] = bj::array{"health"};
           return Target{"/api/v1/cases/" + c + "/consents", body, other, {}, 201, [c] {
                           return array_size(net->server.get("/api/v1/cases/" + c, net->cw), "consents");
                         }};
         }},
        {"POST /referrals",
         [] {
           auto c = net->create_case();
           net->consent(c);
           auto other = ReferralNetwork::referral_body(c);
           other["reason"] = "Another reason.";
           return Target{"/api/v1/referrals", ReferralNetwork::referral_body(c), other, {}, 201,
                         [c] { return referrals_of_case(net->server, net->cw, c); }};
         }},
        {"POST /referrals/{id}/messages",
         [] {
           auto id = net->referral();
           return Target{"/api/v1/referrals/" + id + "/messages", {{"body", "Bed 4 is ready."}},
                         {{"body", "Bed 5 is ready."}}, {}, 201, [id] {
                           return array_size(net->server.get("/api/v1/referrals/" + id + "/messages", net->cw),
                                             "items");
                         }};
         }},
        {"POST /referrals/{id}/transitions",
         [] {
           auto id = net->referral();
           auto v = net->version(id, net->cw);
           return Target{"/api/v1/referrals/" + id + "/transitions",
                         {{"to", "cancelled"}, {"reason", "The family moved."}},
                         {{"to", "cancelled"}, {"reason", "The family found a room."}},
                         {{"If-Match", if_match(v)}}, 200, [id] {
                           return array_size(net->server.get("/api/v1/referrals/" + id, net->cw), "history");
                         }};
         }},
    };
  }
};

ReferralNetwork* IdempotencyTest::net = nullptr;
std::string IdempotencyTest::cw2;
int IdempotencyTest::serial = 0;

TEST_F(IdempotencyTest, ARepeatGetsTheFirstAnswerAndChangesNothing) {
  for (auto& [name, make] : endpoints()) {
    SCOPED_TRACE(name);
    Target t = make();
    auto before = t.count();
    auto key = fresh("key-");
    auto first = net->server.post(t.path, t.body, net->cw, with_key(key, t.headers));
    ASSERT_EQ(first.status, t.created_status) << first.body;
    EXPECT_EQ(t.count(), before + 1);

    auto again = net->server.post(t.path, t.body, net->cw, with_key(key, t.headers));
    EXPECT_EQ(again.status, first.status);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.header("content-type"), first.header("content-type"));
    EXPECT_EQ(again.header("location"), first.header("location"));
    EXPECT_EQ(again.header("etag"), first.header("etag"));
    EXPECT_EQ(t.count(), before + 1) << "a repeat made a second record";

    // Without a key the same body is a new request, as before.
    auto unkeyed = net->server.post(t.path, t.body, net->cw, t.headers);
    EXPECT_NE(unkeyed.body, first.body);
  }
}

TEST_F(IdempotencyTest, TheSameKeyWithAnotherBodyIs422AndChangesNothing) {
  for (auto& [name, make] : endpoints()) {
    SCOPED_TRACE(name);
    Target t = make();
    auto key = fresh("reuse-");
    ASSERT_EQ(net->server.post(t.path, t.body, net->cw, with_key(key, t.headers)).status, t.created_status);
    auto after_first = t.count();
    auto reuse = net->server.post(t.path, t.other_body, net->cw, with_key(key, t.headers));
    EXPECT_EQ(reuse.status, 422) << reuse.body;
    EXPECT_EQ(reuse.header("content-type"), "application/problem+json");
    EXPECT_EQ(reuse.json().at("type").as_string(), "/problems/idempotency-key-reuse");
    EXPECT_EQ(t.count(), after_first);
  }
}

TEST_F(IdempotencyTest, AnEmptyOrTooLongKeyIs400AndChangesNothing) {
  for (auto& [name, make] : endpoints()) {
    SCOPED_TRACE(name);
    Target t = make();
    auto before = t.count();
    for (const std::string& bad : {std::string(), std::string(256, 'k')}) {
      auto r = net->server.post(t.path, t.body, net->cw, with_key(bad, t.headers));
      EXPECT_EQ(r.status, 400) << "key of " << bad.size() << " characters: " << r.body;
      EXPECT_EQ(r.header("content-type"), "application/problem+json");
    }
    EXPECT_EQ(t.count(), before);
    // 255 printable characters, spaces and punctuation included, is a key.
    std::string longest(255, '~');
    longest[3] = ' ';
    EXPECT_EQ(net->server.post(t.path, t.body, net->cw, with_key(longest, t.headers)).status,
              t.created_status);
  }
}

TEST_F(IdempotencyTest, KeysOfAnotherUserAreIndependent) {
  auto name = fresh("Twouser");
  auto body = case_body(name);
  auto mine = net->server.post("/api/v1/cases", body, net->cw, with_key("shared-key"));
  auto theirs = net->server.post("/api/v1/cases", body, cw2, with_key("shared-key"));
  ASSERT_EQ(mine.status, 201);
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  EXPECT_NE(mine.json().at("id"), theirs.json().at("id"));
  EXPECT_EQ(cases_named(net->server, net->cw, name), 2u);
  // ...and another user's key with a different body is no reuse either.
  auto third = net->server.post("/api/v1/cases", case_body(name + "y"), net->ngo_cw, with_key("shared-key"));
  EXPECT_NE(third.status, 422) << third.body;
}

TEST_F(IdempotencyTest, KeysOnAnotherPathAreIndependent) {
  auto a = net->referral();
  auto b = net->referral();
  bj::object body{{"body", "Please call before noon."}};
  auto on_a = net->server.post("/api/v1/referrals/" + a + "/messages", body, net->cw, with_key("path-key"));
  auto on_b = net->server.post("/api/v1/referrals/" + b + "/messages", body, net->cw, with_key("path-key"));
  ASSERT_EQ(on_a.status, 201);
  ASSERT_EQ(on_b.status, 201) << on_b.body;
  EXPECT_NE(on_a.json().at("id"), on_b.json().at("id"));
  EXPECT_EQ(array_size(net->server.get("/api/v1/referrals/" + b + "/messages", net->cw), "items"), 1u);
  // The same key on another endpoint (a consent) is independent too.
  auto c = net->create_case();
  bj::object consent{{"method", "written"}, {"categories", {"shelter"}}, {"organizations", {"o-ngo"}}};
  EXPECT_EQ(net->server.post("/api/v1/cases/" + c + "/consents", consent, net->cw, with_key("path-key")).status, 201);
}

TEST_F(IdempotencyTest, A412ReplaysAs412EvenWithTheRightIfMatch) {
  auto id = net->referral();
  auto v = net->version(id, net->cw);
  bj::object body{{"to", "cancelled"}, {"reason", "The family moved."}};
  auto path = "/api/v1/referrals/" + id + "/transitions";
  auto stale = net->server.post(path, body, net->cw, with_key("stale-key", {{"If-Match", if_match(v + 7)}}));
  ASSERT_EQ(stale.status, 412) << stale.body;
  // The replay is decided before If-Match: the same key and body get the 412 again.
  auto again = net->server.post(path, body, net->cw, with_key("stale-key", {{"If-Match", if_match(v)}}));
  EXPECT_EQ(again.status, 412);
  EXPECT_EQ(again.body, stale.body);
  EXPECT_EQ(net->version(id, net->cw), v) << "a replayed 412 changed the referral";
  // A new key is a new request.
  EXPECT_EQ(net->server.post(path, body, net->cw, with_key("fresh-key", {{"If-Match", if_match(v)}})).status, 200);
}

TEST_F(IdempotencyTest, ARefusalIsKeptButA409IsNot) {
  auto id = net->referral();
  auto v = net->version(id, net->cw);
  auto path = "/api/v1/referrals/" + id + "/transitions";
  // Only the receiver accepts: 409, not kept, so the key may carry another body next.
  auto conflict = net->server.post(path, {{"to", "accepted"}}, net->cw,
                                   with_key("conflict-key", {{"If-Match", if_match(v)}}));
  ASSERT_EQ(conflict.status, 409) << conflict.body;
  auto next = net->server.post(path, {{"to", "cancelled"}, {"reason", "The family moved."}}, net->cw,
                               with_key("conflict-key", {{"If-Match", if_match(v)}}));
  EXPECT_EQ(next.status, 200) << "a 409 was kept: " << next.body;

  // A 404 (another organisation's referral) is kept: its repeat is the same 404.
  auto other = net->referral();
  bj::object msg{{"body", "hello"}};
  auto refused = net->server.post("/api/v1/referrals/" + other + "/messages", msg, net->third_partner,
                                  with_key("refused-key"));
  ASSERT_EQ(refused.status, 404);
  auto replay = net->server.post("/api/v1/referrals/" + other + "/messages", msg, net->third_partner,
                                 with_key("refused-key"));
  EXPECT_EQ(replay.status, 404);
  EXPECT_EQ(replay.body, refused.body);
  // The refusal is audited once: the replay shows nothing the first answer did not.
  EXPECT_EQ(enlace::test::count_audit(net->server.db_path(), "referral.message", other, "not_found"), 1);
}

TEST_F(IdempotencyTest, ConcurrentRepeatsMakeOneRecordAndTheOthersAre409) {
  // Many copies of one request at once: each either gets the first answer or 409 (still
  // running), and exactly one case is made.
  auto name = fresh("Concurrent");
  auto body = bj::serialize(case_body(name));
  constexpr int kCopies = 8;
  std::vector<HttpResponse> answers(kCopies);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCopies; ++i)
    threads.emplace_back([&, i] {
      HttpClient client(net->server.port());
      answers[static_cast<std::size_t>(i)] = client.send(
          {"POST", "/api/v1/cases",
           {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + net->cw},
            {"Idempotency-Key", "concurrent-key"}},
           body});
    });
  for (auto& t : threads) t.join();
  std::string id;
  int conflicts = 0;
  for (const auto& a : answers) {
    if (a.status == 409) {
      ++conflicts;
      EXPECT_EQ(a.json().at("type").as_string(), "/problems/idempotency-key-in-use");
      continue;
    }
    ASSERT_EQ(a.status, 201) << a.body;
    if (id.empty()) id = std::string(a.json().at("id").as_string());
    EXPECT_EQ(a.json().at("id").as_string(), id);
  }
  std::printf("concurrent repeats: %d of %d answered 409\n", conflicts, kCopies);
  EXPECT_EQ(cases_named(net->server, net->cw, name), 1u);
  // Once the first has answered, a repeat is the first answer, never 409.
  auto later = net->server.post("/api/v1/cases", bj::parse(body), net->cw, with_key("concurrent-key"));
  EXPECT_EQ(later.status, 201);
  EXPECT_EQ(later.json().at("id").as_string(), id);
}

// Its own server: the clock moves by a day, and the server is killed.
class IdempotencyDurabilityTest : public ::testing::Test {};

TEST_F(IdempotencyDurabilityTest, KeysExpireAfter24Hours) {
  ReferralNetwork net;
  auto body = case_body("Expiring");
  auto first = net.server.post("/api/v1/cases", body, net.cw, with_key("day-key"));
  ASSERT_EQ(first.status, 201);
  net.advance_minutes(24 * 60 - 1);
  auto within = net.server.post("/api/v1/cases", body, net.cw, with_key("day-key"));
  EXPECT_EQ(within.json().at("id"), first.json().at("id"));
  net.advance_minutes(2);
  auto after = net.server.post("/api/v1/cases", body, net.cw, with_key("day-key"));
  ASSERT_EQ(after.status, 201);
  EXPECT_NE(after.json().at("id"), first.json().at("id")) << "a key older than 24 hours still held";
  EXPECT_EQ(cases_named(net.server, net.cw, "Expiring"), 2u);
  // The expired key was replaced: its new answer holds for the next 24 hours.
  auto again = net.server.post("/api/v1/cases", body, net.cw, with_key("day-key"));
  EXPECT_EQ(again.json().at("id"), after.json().at("id"));
}

TEST_F(IdempotencyDurabilityTest, AReplyLostInACrashIsAnsweredOnRetryWithOneRecord) {
  ReferralNetwork net;
  // 1. The reply is lost: the server is killed (SIGKILL) after committing, before the client
  //    reads anything. The retry after the restart gets the first answer; one case exists.
  {
    auto body = bj::serialize(case_body("Lostreply"));
    std::string request = "POST /api/v1/cases HTTP/1.1\r\nHost: localhost\r\n"
                          "Content-Type: application/json\r\nAuthorization: Bearer " + net.cw +
                          "\r\nIdempotency-Key: lost-key\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    HttpClient raw(net.server.port());
    auto lost = raw.raw(request);  // the client never saw this
    auto at = lost.find("\r\n\r\n");
    ASSERT_NE(at, std::string::npos) << lost;
    auto first_id = std::string(bj::parse(lost.substr(at + 4)).at("id").as_string());
    net.server.signal(SIGKILL);
    net.server.restart();
    net.login_all();
    auto retry = net.server.post("/api/v1/cases", bj::parse(body), net.cw, with_key("lost-key"));
    EXPECT_EQ(retry.status, 201) << retry.body;
    EXPECT_EQ(retry.json().at("id").as_string(), first_id) << "the retry was not the first answer";
    EXPECT_EQ(cases_named(net.server, net.cw, "Lostreply"), 1u);
  }
  // 2. Killed at a random moment while the request runs: whether it committed or not, the
  //    retry leaves exactly one case.
  for (int round = 0; round < 5; ++round) {
    auto name = "Killed" + std::string(1, static_cast<char>('a' + round));
    auto body = case_body(name);
    auto key = "kill-key-" + std::to_string(round);
    std::thread client([&] {
      try {
        HttpClient c(net.server.port());
        HeaderList h{{"Content-Type", "application/json"}, {"Authorization", "Bearer " + net.cw},
                     {"Idempotency-Key", key}};
        c.send({"POST", "/api/v1/cases", h, bj::serialize(body)});
      } catch (const std::exception&) {
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(round * 3));
    net.server.signal(SIGKILL);
    client.join();
    net.server.restart();
    net.login_all();
    auto retry = net.server.post("/api/v1/cases", body, net.cw, with_key(key));
    EXPECT_EQ(retry.status, 201) << retry.body;
    EXPECT_EQ(cases_named(net.server, net.cw, name), 1u) << "round " << round;
  }
}

}  // namespace
