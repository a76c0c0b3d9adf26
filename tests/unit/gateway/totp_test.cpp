// Tests gateway/totp.cpp against RFC 4226 and RFC 6238 test vectors, plus drift, reuse and
// recovery codes.
#include "gateway/totp.hpp"

#include <gtest/gtest.h>

#include <set>

namespace enlace::gateway::totp {
namespace {

const std::string kRfcKey = "12345678901234567890";  // RFC 4226 appendix D / RFC 6238 SHA-1

core::Timestamp at_unix(std::int64_t seconds) { return core::from_millis(seconds * 1000); }

TEST(TotpTest, HotpMatchesRfc4226Vectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(hotp(kRfcKey, i), expected[i]) << i;
}

TEST(TotpTest, TotpMatchesRfc6238Sha1Vectors) {
  struct Vector {
    std::int64_t time;
    const char* code;
  };
  const Vector vectors[] = {{59, "94287082"},         {1111111109, "07081804"},
                            {1111111111, "14050471"}, {1234567890, "89005924"},
                            {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& v : vectors) {
    auto step = step_at(at_unix(v.time));
    EXPECT_EQ(hotp(kRfcKey, static_cast<std::uint64_t>(step), 8), v.code) << v.time;
  }
}

TEST(TotpTest, AcceptsOneStepOfDriftEitherWayAndNoMore) {
  std::int64_t now = step_at(at_unix(1234567890));
  for (std::int64_t d = -3; d <= 3; ++d) {
    auto code = hotp(kRfcKey, static_cast<std::uint64_t>(now + d));
    auto m = match_step(kRfcKey, code, now, 0);
    if (d >= -1 && d <= 1) {
      ASSERT_TRUE(m) << d;
      EXPECT_EQ(*m, now + d);
    } else {
      EXPECT_FALSE(m) << d;
    }
  }
}

TEST(TotpTest, ACodeAtOrBeforeTheLastUsedStepIsRefused) {
  std::int64_t now = 1000;
  auto code = hotp(kRfcKey, 1000);
  EXPECT_TRUE(match_step(kRfcKey, code, now, 999));
  EXPECT_FALSE(match_step(kRfcKey, code, now, 1000));
  // The previous step's code cannot be used after the current one was.
  EXPECT_FALSE(match_step(kRfcKey, hotp(kRfcKey, 999), now, 1000));
}

TEST(TotpTest, RefusesMalformedCodes) {
  EXPECT_FALSE(match_step(kRfcKey, "", 1000, 0));
  EXPECT_FALSE(match_step(kRfcKey, "12345", 1000, 0));
  EXPECT_FALSE(match_step(kRfcKey, "12345a", 1000, 0));
  EXPECT_FALSE(match_step(kRfcKey, "1234567", 1000, 0));
}

TEST(TotpTest, Base32RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YTBOI"), std::optional<std::string>("foobar"));
  EXPECT_EQ(base32_decode("mzxw6ytboi======"), std::optional<std::string>("foobar"));
  EXPECT_FALSE(base32_decode("MZXW1"));
  auto secret = new_secret();
  EXPECT_EQ(secret.size(), 32u);  // 160 bits
  EXPECT_EQ(base32_decode(secret)->size(), kSecretBytes);
}

TEST(TotpTest, ProvisioningUriFollowsTheKeyUriFormat) {
  EXPECT_EQ(provisioning_uri("ana maría", "ABC"),
            "otpauth://totp/Enlace:ana%20mar%C3%ADa?secret=ABC&issuer=Enlace&algorithm=SHA1"
            "&digits=6&period=30");
}

TEST(TotpTest, RecoveryCodesAreDistinctAndNormalise) {
  auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> unique(codes.begin(), codes.end());
  EXPECT_EQ(unique.size(), 10u);
  for (const auto& c : codes) {
    EXPECT_EQ(c.size(), 10u);
    EXPECT_EQ(normalise_recovery_code(c), std::optional<std::string>(c));
  }
  std::string shouted = codes[0].substr(0, 5) + "-" + codes[0].substr(5);
  for (auto& ch : shouted) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_EQ(normalise_recovery_code(shouted), std::optional<std::string>(codes[0]));
  EXPECT_FALSE(normalise_recovery_code("123456"));
  EXPECT_NE(recovery_code_hash("user-a", codes[0]), recovery_code_hash("user-b", codes[0]));
}

}  // namespace
}  // namespace enlace::gateway::totp
