// Signing in and two-factor enrolment on in-memory ports: what an attempt is (one answer for an
// unknown user, a wrong password and a deactivated account; a one-time password too late; a
// second factor missing, wrong, replayed or spent), what its write leaves (the session, or the
// failure's event as the attempt and its count), and enrolment's secret, wrong code and
// recovery codes.
#include "core/use_cases/sign_in.hpp"
#include "core/use_cases/two_factor.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_account_store.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::MemoryAccounts;
using testing::MemoryAuditTrail;
using testing::names_field;
using testing::RecordedAudit;

class SignInUseCases : public ::testing::Test {
 protected:
  void SetUp() override { accounts.add_user("u-1", "org-a", {Role::caseworker}); }

  MemoryAccounts accounts;
  MemoryAuditTrail attempt, audit;
  SignInPorts ports{accounts, attempt, audit, accounts};
  AccountPorts account_ports{accounts, audit, accounts, accounts, accounts};
  Timestamp now = at("2026-12-07T09:00:00Z");
  Actor user{"u-1", "org-a", {Role::caseworker}, "s-now"};

  std::optional<LoginRecord> found() { return accounts.login_by_name("user-u-1"); }
  SignInVerdict judge(bool password_right, std::optional<std::string> code = std::nullopt) {
    return judge_sign_in(found(), password_right, code, now, accounts);
  }
  NewSession session() {
    NewSession s;
    s.id = "s-new";
    s.user_id = "u-1";
    s.created_at = now;
    s.expires_at = now + std::chrono::hours(12);
    return s;
  }
  Result<SignInOutcome> write(const SignInVerdict& v,
                              std::optional<std::string> rehashed = std::nullopt) {
    return sign_in(ports, v, found(), session(), rehashed, now);
  }
  void two_factor_on() {
    ASSERT_TRUE(accounts.start_two_factor("u-1", "SECRET", now).has_value());
    accounts.enable_two_factor("u-1", 10, {"hash:u-1:rc-1"}, now);
  }
};

TEST_F(SignInUseCases, UnknownUserWrongPasswordAndDeactivatedGetOneAnswer) {
  EXPECT_EQ(judge_sign_in(std::nullopt, false, std::nullopt, now, accounts).outcome,
            SignInOutcome::refused);
  EXPECT_EQ(judge(false).outcome, SignInOutcome::refused);
  accounts.accounts.at("u-1").user.active = false;
  EXPECT_EQ(judge(true).outcome, SignInOutcome::refused);
}

TEST_F(SignInUseCases, ARefusedAttemptIsRecordedAsTheAttemptAndCounted) {
  auto outcome = write(judge(false));
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(*outcome, SignInOutcome::refused);
  EXPECT_EQ(attempt.events, (std::vector<RecordedAudit>{{"auth.login", "session", "", "failed"}}));
  EXPECT_TRUE(audit.events.empty());
  EXPECT_EQ(accounts.failures_recorded, 1);
  EXPECT_TRUE(accounts.sessions.empty());
}

TEST_F(SignInUseCases, TheRightPasswordOpensASessionAndForgivesTheFailures) {
  auto outcome = write(judge(true), std::string("hash:rehashed"));
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(*outcome, SignInOutcome::accepted);
  EXPECT_TRUE(accounts.sessions.count("s-new"));
  EXPECT_EQ(accounts.accounts.at("u-1").password_hash, "hash:rehashed");
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"auth.login", "session", "s-new", "ok"}}));
  EXPECT_TRUE(attempt.events.empty());
  EXPECT_EQ(accounts.forgiven, 1);
  EXPECT_EQ(accounts.failures_recorded, 0);
}

TEST_F(SignInUseCases, AnExpiredOneTimePasswordIsSaidPlainlyAndNotCounted) {
  accounts.accounts.at("u-1").password_expires_at = now;
  auto v = judge(true);
  EXPECT_EQ(v.outcome, SignInOutcome::password_expired);
  auto outcome = write(v);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(attempt.events, (std::vector<RecordedAudit>{{"auth.login", "session", "", "expired"}}));
  EXPECT_EQ(accounts.failures_recorded, 0);
  EXPECT_TRUE(accounts.sessions.empty());
  // A wrong password is no news about expiry.
  EXPECT_EQ(judge(false).outcome, SignInOutcome::refused);
}

TEST_F(SignInUseCases, TwoFactorOnAsksForTheCodeAndWritesNothingWithoutIt) {
  two_factor_on();
  EXPECT_EQ(judge(true).outcome, SignInOutcome::second_factor_required);
  EXPECT_EQ(judge(true, std::string()).outcome, SignInOutcome::second_factor_required);
  EXPECT_FALSE(write(judge(true)).has_value());
  EXPECT_TRUE(attempt.events.empty());
  EXPECT_TRUE(accounts.sessions.empty());
}

TEST_F(SignInUseCases, AWrongCodeIsAFailureLikeAWrongPassword) {
  two_factor_on();
  auto v = judge(true, std::string("654321"));
  EXPECT_EQ(v.outcome, SignInOutcome::second_factor_wrong);
  auto outcome = write(v);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(*outcome, SignInOutcome::second_factor_wrong);
  EXPECT_EQ(attempt.events, (std::vector<RecordedAudit>{{"auth.login", "session", "", "failed"}}));
  EXPECT_EQ(accounts.failures_recorded, 1);
  EXPECT_EQ(judge(true, std::string("not a code")).outcome, SignInOutcome::second_factor_wrong);
}

TEST_F(SignInUseCases, ACodeIsSpentWithTheSessionAndAReplayFails) {
  two_factor_on();
  auto v = judge(true, std::string(MemoryAccounts::kGoodCode));
  ASSERT_EQ(v.outcome, SignInOutcome::accepted);
  ASSERT_EQ(v.totp_step, MemoryAccounts::kStep);
  // A parallel attempt judged with the same code before this one was written.
  auto racing = v;
  EXPECT_EQ(*write(v), SignInOutcome::accepted);
  attempt.events.clear();
  EXPECT_EQ(*write(racing), SignInOutcome::second_factor_wrong);
  EXPECT_EQ(attempt.events, (std::vector<RecordedAudit>{{"auth.login", "session", "", "failed"}}));
  EXPECT_EQ(accounts.failures_recorded, 1);
  EXPECT_EQ(accounts.sessions.size(), 1u);
}

TEST_F(SignInUseCases, ARecoveryCodeSignsInOnceAndIsRecorded) {
  two_factor_on();
  auto v = judge(true, std::string("rc-1"));
  ASSERT_EQ(v.outcome, SignInOutcome::accepted);
  EXPECT_EQ(*write(v), SignInOutcome::accepted);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"auth.recovery_code_used", "user", "u-1", "ok"},
                                                      {"auth.login", "session", "s-new", "ok"}}));
  audit.events.clear();
  EXPECT_EQ(*write(v), SignInOutcome::second_factor_wrong) << "spent";
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(SignInUseCases, EnrolmentStartsWithASecretAndIsRecorded) {
  auto started = start_two_factor(account_ports, user, now);
  ASSERT_TRUE(started.has_value());
  EXPECT_EQ(started->username, "user-u-1");
  EXPECT_EQ(accounts.two_factors.at("u-1").secret, started->secret);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"auth.totp_enrolment_started", "user", "u-1", "ok"}}));
}

TEST_F(SignInUseCases, EnrolmentIsRefusedWhenTwoFactorIsOnOrNotStarted) {
  auto early = confirm_two_factor(account_ports, user, MemoryAccounts::kGoodCode, now);
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().type, "totp-not-started");
  two_factor_on();
  auto again = start_two_factor(account_ports, user, now);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto twice = confirm_two_factor(account_ports, user, MemoryAccounts::kGoodCode, now);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().type, "totp-already-enabled");
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(SignInUseCases, AWrongEnrolmentCodeIsRefusedRecordedAndCounted) {
  ASSERT_TRUE(start_two_factor(account_ports, user, now).has_value());
  audit.events.clear();
  auto done = confirm_two_factor(account_ports, user, "000000", now);
  ASSERT_TRUE(done.has_value());
  ASSERT_TRUE(done->refused.has_value());
  EXPECT_TRUE(names_field(*done->refused, "code"));
  EXPECT_FALSE(accounts.two_factors.at("u-1").enabled);
  EXPECT_EQ(accounts.failures_recorded, 1);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"auth.totp_enabled", "user", "u-1", "failed"}}));
}

TEST_F(SignInUseCases, TheRightEnrolmentCodeTurnsTwoFactorOnWithRecoveryCodes) {
  ASSERT_TRUE(start_two_factor(account_ports, user, now).has_value());
  audit.events.clear();
  auto done = confirm_two_factor(account_ports, user, MemoryAccounts::kGoodCode, now);
  ASSERT_TRUE(done.has_value());
  ASSERT_TRUE(done->value.has_value());
  EXPECT_EQ(*done->value, (std::vector<std::string>{"rc-1", "rc-2", "rc-3"}));
  EXPECT_TRUE(accounts.two_factors.at("u-1").enabled);
  EXPECT_EQ(accounts.two_factors.at("u-1").last_step, MemoryAccounts::kStep);
  EXPECT_TRUE(accounts.use_recovery_code("u-1", "hash:u-1:rc-2", now));
  EXPECT_EQ(accounts.forgiven, 1);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"auth.totp_enabled", "user", "u-1", "ok"}}));
}

}  // namespace
}  // namespace enlace::core
