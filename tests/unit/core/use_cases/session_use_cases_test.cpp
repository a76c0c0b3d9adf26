// Authenticating a request by its session on in-memory ports (core/use_cases/
// authenticate_session.hpp, core/session.hpp): which token opens which session, when a session
// may be used (ended, deactivated, idle, past its absolute expiry), when a use is written down
// and the deadline it then has, and the review of the sessions that hold event streams.
#include "core/use_cases/authenticate_session.hpp"

#include "unit/core/test_support.hpp"

#include <map>

namespace enlace::core {
namespace {

using namespace std::chrono_literals;
using testing::at;

// Sessions by token hash; counts the reads and keeps the uses written.
class MemorySessions final : public SessionReader, public SessionUses {
 public:
  std::map<std::string, SessionActor> by_token;
  std::vector<std::pair<std::string, Timestamp>> touched;
  int reads = 0;

  std::optional<SessionActor> session_by_token(const std::string& token_hash) override {
    ++reads;
    auto it = by_token.find(token_hash);
    if (it == by_token.end()) return std::nullopt;
    return it->second;
  }
  std::vector<SessionActor> sessions_by_ids(const std::vector<std::string>& ids) override {
    ++reads;
    std::vector<SessionActor> out;
    for (const auto& id : ids)
      for (const auto& [hash, s] : by_token)
        if (s.session.id == id) out.push_back(s);
    return out;
  }
  void touch(const std::string& session_id, Timestamp now) override {
    touched.emplace_back(session_id, now);
    for (auto& [hash, s] : by_token)
      if (s.session.id == session_id) s.session.last_used_at = now;
  }
};

class SessionUseCases : public ::testing::Test {
 protected:
  void SetUp() override {
    sessions.by_token["hash-1"] = session("s-1", Role::caseworker);
    sessions.by_token["hash-2"] = session("s-2", Role::org_admin);
  }
  SessionActor session(const std::string& id, Role role) {
    SessionActor s;
    s.actor = {"u-" + id, "org-a", {role}, id};
    s.session.id = id;
    s.session.user_id = s.actor.user_id;
    s.session.created_at = s.session.last_used_at = signed_in;
    s.session.expires_at = signed_in + 12h;
    return s;
  }

  MemorySessions sessions;
  const Timestamp signed_in = at("2026-12-07T09:00:00Z");
  const std::chrono::minutes idle{30};
};

TEST_F(SessionUseCases, ATokenOpensItsOwnSessionAndAnUnknownOneNone) {
  auto found = look_up_session(sessions, "hash-2");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->session.id, "s-2");
  EXPECT_EQ(found->actor.user_id, "u-s-2");
  EXPECT_FALSE(look_up_session(sessions, "hash-unknown"));
}

TEST_F(SessionUseCases, ASessionIsUsableUntilItGoesIdle) {
  const auto& s = sessions.by_token["hash-1"];
  EXPECT_TRUE(session_usable(s, signed_in, idle));
  EXPECT_TRUE(session_usable(s, signed_in + 29min + 59s, idle));
  EXPECT_FALSE(session_usable(s, signed_in + 30min, idle));
}

TEST_F(SessionUseCases, ASessionInUseStillEndsAtItsAbsoluteExpiry) {
  auto s = sessions.by_token["hash-1"];
  s.session.last_used_at = signed_in + 11h + 50min;
  EXPECT_EQ(session_ends_at(s.session, s.session.last_used_at, idle), signed_in + 12h);
  EXPECT_TRUE(session_usable(s, signed_in + 11h + 59min, idle));
  EXPECT_FALSE(session_usable(s, signed_in + 12h, idle));
}

TEST_F(SessionUseCases, AnEndedSessionOrADeactivatedUserIsRefusedAtOnce) {
  auto ended = sessions.by_token["hash-1"];
  ended.session.ended_at = signed_in + 1min;
  EXPECT_FALSE(session_usable(ended, signed_in + 2min, idle));
  auto deactivated = sessions.by_token["hash-1"];
  deactivated.user_active = false;
  EXPECT_FALSE(session_usable(deactivated, signed_in + 1min, idle));
}

TEST_F(SessionUseCases, AUseIsWrittenDownAtMostOnceAMinute) {
  const auto& s = sessions.by_token["hash-1"].session;
  EXPECT_FALSE(session_use_due(s, signed_in));
  EXPECT_FALSE(session_use_due(s, signed_in + 59s));
  EXPECT_TRUE(session_use_due(s, signed_in + 60s));
}

TEST_F(SessionUseCases, AUseWrittenDownStartsTheIdleClockAgain) {
  auto s = sessions.by_token["hash-1"];
  auto ends = record_session_use(sessions, s, signed_in + 20min, idle);
  EXPECT_EQ(ends, signed_in + 50min);
  ASSERT_EQ(sessions.touched.size(), 1u);
  EXPECT_EQ(sessions.touched[0].first, "s-1");
  EXPECT_EQ(sessions.touched[0].second, signed_in + 20min);
  // Read again, the session is usable past its first idle deadline.
  auto again = look_up_session(sessions, "hash-1");
  ASSERT_TRUE(again);
  EXPECT_TRUE(session_usable(*again, signed_in + 45min, idle));
}

TEST_F(SessionUseCases, AUseNearTheAbsoluteExpiryDoesNotPushItBack) {
  auto s = sessions.by_token["hash-1"];
  EXPECT_EQ(record_session_use(sessions, s, signed_in + 11h + 45min, idle), signed_in + 12h);
}

TEST_F(SessionUseCases, TheStreamsReviewGetsOneAnswerPerSessionInOrderNoneForAGoneOne) {
  auto found = sessions_of_streams(sessions, {"s-2", "s-gone", "s-1"});
  ASSERT_EQ(found.size(), 3u);
  ASSERT_TRUE(found[0]);
  EXPECT_EQ(found[0]->session.id, "s-2");
  EXPECT_FALSE(found[1]);
  ASSERT_TRUE(found[2]);
  EXPECT_EQ(found[2]->session.id, "s-1");
  EXPECT_EQ(sessions.reads, 1);
}

TEST_F(SessionUseCases, NoOpenStreamNoRead) {
  EXPECT_TRUE(sessions_of_streams(sessions, {}).empty());
  EXPECT_EQ(sessions.reads, 0);
}

TEST_F(SessionUseCases, TwoFactorIsEnforcedForAdministrativeRolesWhereRequired) {
  const auto& caseworker = sessions.by_token["hash-1"].actor;
  const auto& admin = sessions.by_token["hash-2"].actor;
  EXPECT_FALSE(totp_enforced(caseworker, true));
  EXPECT_TRUE(totp_enforced(admin, true));
  EXPECT_FALSE(totp_enforced(admin, false));
}

}  // namespace
}  // namespace enlace::core
