// Tests storage/field_cipher.cpp: round trips, unique nonces, column binding, tampering, key
// rotation, plaintext migration and key files.
#include "storage/field_cipher.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <vector>
#include <unistd.h>

namespace enlace::storage {
namespace {

const std::string kKeyA(32, 'a');
const std::string kKeyB(32, 'b');

TEST(FieldCipherTest, SealThenOpenReturnsThePlaintext) {
  FieldCipher c(kKeyA);
  const std::vector<std::string> texts = {"", "x", "Necesita atención psicológica urgente. ñ ü 😀",
                                          std::string(100000, 'z')};
  for (const auto& text : texts) {
    auto sealed = c.seal("case_file.notes", text);
    EXPECT_TRUE(FieldCipher::is_sealed(sealed));
    EXPECT_EQ(c.open("case_file.notes", sealed), text);
  }
}

TEST(FieldCipherTest, SealedValueNamesTheKeyAndHidesThePlaintext) {
  FieldCipher c(kKeyA);
  auto sealed = c.seal("referral_message.body", "survivor of trafficking");
  EXPECT_EQ(sealed.rfind("enc1:" + field_key_id(kKeyA) + ":", 0), 0u);
  EXPECT_EQ(sealed.find("survivor"), std::string::npos);
  EXPECT_EQ(field_key_id(kKeyA).size(), 8u);
  EXPECT_NE(field_key_id(kKeyA), field_key_id(kKeyB));
}

TEST(FieldCipherTest, EveryValueGetsItsOwnNonce) {
  FieldCipher c(kKeyA);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(c.seal("case_file.notes", "same text"));
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(FieldCipherTest, ValueMovedToAnotherColumnDoesNotOpen) {
  FieldCipher c(kKeyA);
  auto sealed = c.seal("case_file.notes", "private");
  EXPECT_THROW(c.open("referral_message.body", sealed), FieldCipherError);
}

TEST(FieldCipherTest, AlteredValueDoesNotOpen) {
  FieldCipher c(kKeyA);
  auto sealed = c.seal("case_file.notes", "private note text");
  for (std::size_t i = 14; i < sealed.size(); i += 3) {
    auto bad = sealed;
    bad[i] = bad[i] == 'A' ? 'B' : 'A';
    EXPECT_THROW(c.open("case_file.notes", bad), FieldCipherError) << i;
  }
  EXPECT_THROW(c.open("case_file.notes", sealed.substr(0, sealed.size() - 4)), FieldCipherError);
  EXPECT_THROW(c.open("case_file.notes", "enc1:nocolon"), FieldCipherError);
}

TEST(FieldCipherTest, WrongKeyDoesNotOpen) {
  auto sealed = FieldCipher(kKeyA).seal("case_file.notes", "private");
  EXPECT_THROW(FieldCipher(kKeyB).open("case_file.notes", sealed), FieldCipherError);
  EXPECT_THROW(FieldCipher().open("case_file.notes", sealed), FieldCipherError);
}

TEST(FieldCipherTest, OlderKeysStillOpenButNewValuesUseTheFirst) {
  auto old_value = FieldCipher(kKeyA).seal("case_file.notes", "from before");
  FieldCipher rotated(kKeyB, {kKeyA});
  EXPECT_EQ(rotated.open("case_file.notes", old_value), "from before");
  EXPECT_EQ(rotated.seal("case_file.notes", "new").rfind("enc1:" + field_key_id(kKeyB), 0), 0u);
}

TEST(FieldCipherTest, WithAKeyPlaintextIsRefusedExceptForRekey) {
  // A database writer must not be able to plant a value: with a key, only sealed values,
  // NULL and '' (erased) read. `enlace rekey` alone reads plaintext, to seal it.
  FieldCipher c(kKeyA);
  EXPECT_THROW(c.open("case_file.notes", "written without a key"), FieldCipherError);
  EXPECT_THROW(c.open("case_file.given_name", "Planted"), FieldCipherError);
  EXPECT_EQ(c.open("referral.snapshot", std::optional<std::string>()), std::nullopt);
  EXPECT_EQ(c.open("referral.reason", ""), "");
  FieldCipher rekey(kKeyA, {}, Plaintext::accepted);
  EXPECT_EQ(rekey.open("case_file.notes", "written without a key"), "written without a key");
}

TEST(FieldCipherTest, BlindIndexKeyIsDerivedAndDiffersFromTheFieldKey) {
  auto derived = derive_key(kKeyA, kBlindIndexLabel);
  EXPECT_EQ(derived.size(), 32u);
  EXPECT_NE(derived, kKeyA);
  EXPECT_NE(derived, derive_key(kKeyA, "another label"));
  EXPECT_NE(derived, derive_key(kKeyB, kBlindIndexLabel));
  // RFC 5869 test case 3 (SHA-256, no salt, no info), first 32 bytes.
  std::string ikm(22, '\x0b');
  auto okm = derive_key(ikm, "");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : okm) hex += std::string{kHex[b >> 4], kHex[b & 15]};
  EXPECT_EQ(hex, "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d");
  FieldCipher a(kKeyA), b(kKeyB);
  EXPECT_EQ(a.blind("jose"), FieldCipher(kKeyA).blind("jose"));
  EXPECT_NE(a.blind("jose"), b.blind("jose")) << "a new key re-keys the index";
  EXPECT_THROW(FieldCipher().blind("jose"), std::logic_error);
}

TEST(FieldCipherTest, WithoutAKeyValuesStayPlainAndLookalikesAreEscaped) {
  FieldCipher none;
  EXPECT_FALSE(none.enabled());
  EXPECT_EQ(none.seal("case_file.notes", "plain"), "plain");
  auto tricky = none.seal("case_file.notes", "enc1:abcd:AAAA");
  EXPECT_EQ(none.open("case_file.notes", tricky), "enc1:abcd:AAAA");
  EXPECT_EQ(FieldCipher(kKeyA, {}, Plaintext::accepted).open("case_file.notes", tricky),
            "enc1:abcd:AAAA");
}

TEST(FieldCipherTest, UnlistedColumnIsAProgrammingError) {
  FieldCipher c(kKeyA);
  EXPECT_THROW(c.seal("case_file.created_by", "x"), std::logic_error);
}

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("enlace-key-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& bytes) {
    auto p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::filesystem::path dir_;
};

TEST_F(KeyFileTest, ReadsHexAsOpensslWritesIt) {
  auto key = read_field_key(write("k", std::string(64, 'A') + "\n"));
  ASSERT_TRUE(key);
  EXPECT_EQ(*key, std::string(32, '\xaa'));
}

TEST_F(KeyFileTest, ReadsRawBytes) {
  auto key = read_field_key(write("k", kKeyB));
  ASSERT_TRUE(key);
  EXPECT_EQ(*key, kKeyB);
}

TEST_F(KeyFileTest, RefusesShortOrNonHexKeysAndMissingFiles) {
  EXPECT_FALSE(read_field_key(write("short", std::string(62, 'a'))));
  EXPECT_FALSE(read_field_key(write("nothex", std::string(64, 'g'))));
  auto missing = read_field_key((dir_ / "missing").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().fields.items()[0].field, "encryption_key_file");
}

TEST_F(KeyFileTest, ReadsASystemdCredential) {
  write("enlace-key", std::string(64, 'b'));
  ::setenv("CREDENTIALS_DIRECTORY", dir_.c_str(), 1);
  auto key = read_field_key("credential:enlace-key");
  ::unsetenv("CREDENTIALS_DIRECTORY");
  ASSERT_TRUE(key);
  EXPECT_EQ(*key, std::string(32, '\xbb'));
  EXPECT_FALSE(read_field_key("credential:enlace-key"));
}

}  // namespace
}  // namespace enlace::storage
