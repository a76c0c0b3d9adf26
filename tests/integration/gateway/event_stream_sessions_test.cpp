// An open event stream ends with the session that opened it, whatever ends the session:
// sign-out, DELETE /me/sessions/{id}, a password change, a deactivation or an administrator's
// reset (at once), idle or absolute expiry and another process's change (at the next review,
// every stream_session_check_ms). The server closes the stream within 5 s and never delivers
// an event made after the end.
#include "referral_network.hpp"
#include "support/sse_reader.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>

using enlace::test::ReferralNetwork;
using enlace::test::ServerOptions;
using enlace::test::SseEvent;
using enlace::test::SseReader;
namespace json = boost::json;

namespace {

constexpr int kWithinMs = 5000;  // API.md: a stream ends within 5 s of its session

std::optional<SseEvent> next_about(SseReader& s, const std::string& referral_id, int timeout_ms = 3000) {
  for (;;) {
    auto e = s.next(timeout_ms);
    if (!e || e->data.find(referral_id) != std::string::npos) return e;
  }
}

// Reads the stream until the server ends it or `within_ms` pass; says whether it ended and
// whether an event about `referral_id` came first.
struct Ending {
  bool ended = false;
  bool delivered = false;
};
Ending read_to_end(SseReader& s, const std::string& referral_id, int within_ms = kWithinMs) {
  Ending out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(within_ms);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) break;
    auto e = s.next(static_cast<int>(left));
    if (!e) break;
    out.delivered = out.delivered || e->data.find(referral_id) != std::string::npos;
  }
  out.ended = s.ended();
  return out;
}

class EventStreamSessionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    // An hour in all, so that absolute expiry comes before a day of idle sign-ins; reviews
    // five times a second, so that the tests wait little (the default is 2 s).
    options.env = {{"ENLACE_SESSION_ABSOLUTE_HOURS", "1"},
                   {"ENLACE_STREAM_SESSION_CHECK_MS", "200"}};
    net = new ReferralNetwork(std::move(options));
  }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static ReferralNetwork* net;
  enlace::test::ServerProcess& server() { return net->server; }

  // A partner of the receiving organisation of its own (its streams hear net->referral()),
  // so that no other test's sign-ins touch its sessions; returns the user id.
  std::string new_partner() {
    static int n = 0;
    username_ = "stream-partner-" + std::to_string(++n);
    return server().add_user(username_, {"partner"}, "o-ngo");
  }
  std::string login() { return server().login(username_); }

  // The stream for `token` is live (it hears a referral sent now); `end_it` ends its session;
  // a referral sent afterwards never reaches it, and the server closes it within 5 s.
  void expect_stream_ends(const std::string& token, const std::function<void()>& end_it) {
    SseReader stream(server().port(), token);
    ASSERT_EQ(stream.status(), 200);
    ASSERT_TRUE(next_about(stream, net->referral())) << "the stream is not live";
    end_it();
    if (HasFailure()) return;
    auto after = net->referral();
    auto ending = read_to_end(stream, after);
    EXPECT_TRUE(ending.ended) << "the stream outlived its session";
    EXPECT_FALSE(ending.delivered) << "an event made after the end arrived";
  }

  std::string username_;
};
ReferralNetwork* EventStreamSessionsTest::net = nullptr;

}  // namespace

TEST_F(EventStreamSessionsTest, SignOutEndsTheStream) {
  new_partner();
  auto token = login();
  expect_stream_ends(token, [&] {
    EXPECT_EQ(server().post("/api/v1/auth/logout", json::object{}, token).status, 204);
  });
}

TEST_F(EventStreamSessionsTest, DeletingTheSessionEndsItsStream) {
  new_partner();
  auto other = login();
  auto token = login();
  std::string id;
  auto sessions = server().get("/api/v1/me/sessions", other).json();
  for (const auto& s : sessions.at("items").as_array())
    if (!s.at("current").as_bool()) id = std::string(s.at("id").as_string());
  ASSERT_FALSE(id.empty());
  expect_stream_ends(token, [&] {
    EXPECT_EQ(server().del("/api/v1/me/sessions/" + id, other).status, 204);
  });
}

TEST_F(EventStreamSessionsTest, PasswordChangeEndsTheOtherSessionsStreamsOnly) {
  new_partner();
  auto changer = login();
  auto token = login();
  SseReader kept(server().port(), changer);
  ASSERT_EQ(kept.status(), 200);
  json::object change{{"current_password", enlace::test::ServerProcess::kPassword},
                      {"new_password", "a fresh passphrase for the stream test"}};
  expect_stream_ends(token, [&] {
    EXPECT_EQ(server().post("/api/v1/me/password", change, changer).status, 204);
  });
  // The session that changed the password goes on, and so does its stream.
  auto later = net->referral();
  EXPECT_TRUE(next_about(kept, later));
}

TEST_F(EventStreamSessionsTest, DeactivationByTheOrgAdminEndsTheStream) {
  auto user_id = new_partner();
  auto token = login();
  auto version = std::to_string(
      server().get("/api/v1/users/" + user_id, net->ngo_admin).json().at("version").as_int64());
  expect_stream_ends(token, [&] {
    EXPECT_EQ(server().patch("/api/v1/users/" + user_id, {{"active", false}}, net->ngo_admin,
                             "\"" + version + "\"").status,
              200);
  });
}

TEST_F(EventStreamSessionsTest, PasswordResetByAnAdministratorEndsTheStream) {
  auto user_id = new_partner();
  auto token = login();
  expect_stream_ends(token, [&] {
    EXPECT_EQ(server().post("/api/v1/users/" + user_id + "/reset-password", json::object{},
                            net->ngo_admin).status,
              200);
  });
}

// The server's only knowledge of this ending is the row: its review finds it.
TEST_F(EventStreamSessionsTest, SessionEndedByAnotherProcessEndsTheStream) {
  auto user_id = new_partner();
  auto token = login();
  SseReader stream(server().port(), token);
  ASSERT_EQ(stream.status(), 200);
  ASSERT_TRUE(next_about(stream, net->referral()));
  enlace::test::exec_sql(server().db_path(),
                         "UPDATE session SET ended_at = 1 WHERE user_id = '" + user_id + "'");
  auto ending = read_to_end(stream, "no referral");
  EXPECT_TRUE(ending.ended) << "the stream outlived its session";
}

// Moves the clock: every other user signs in again.
TEST_F(EventStreamSessionsTest, IdleExpiryEndsTheStream) {
  new_partner();
  auto token = login();
  expect_stream_ends(token, [&] { net->advance_minutes(31); });  // 30 minutes idle
}

// Moves the clock: every other user signs in again.
TEST_F(EventStreamSessionsTest, AbsoluteExpiryEndsTheStreamOfASessionInUse) {
  new_partner();
  auto token = login();
  // Used every 25 minutes, so never idle, until the hour since sign-in is nearly over.
  for (int minutes : {25, 25, 9}) {
    net->advance_minutes(minutes);
    ASSERT_EQ(server().get("/api/v1/me", token).status, 200);
  }
  expect_stream_ends(token, [&] { net->advance_minutes(2); });  // 61 minutes in all, 2 idle
}
