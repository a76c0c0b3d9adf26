// Tests storage/audit_chain_key.cpp and the keyed link of audit_log.cpp: HKDF-SHA-256 against
// RFC 5869, a chain key distinct from the field key and from other keys' chain keys, and links
// that depend on the key.
#include "storage/audit_chain_key.hpp"
#include "storage/audit_log.hpp"

#include <gtest/gtest.h>

namespace enlace::storage {
namespace {

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

core::AuditEvent an_event() {
  core::AuditContext ctx;
  ctx.actor_user = "user-1";
  ctx.organization = "org-1";
  ctx.role = "caseworker";
  ctx.address = "127.0.0.1";
  ctx.request_id = "req-1";
  ctx.at = core::from_millis(1'790'000'000'000);
  return ctx.event("case.read", "case", "case-1");
}

TEST(AuditChainKeyTest, HkdfMatchesRfc5869) {
  std::string ikm(22, '\x0b');
  // Test case 1: salt and info.
  EXPECT_EQ(hkdf_sha256(ikm, from_hex("000102030405060708090a0b0c"),
                        from_hex("f0f1f2f3f4f5f6f7f8f9"), 42),
            from_hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
  // Test case 3: no salt, no info.
  EXPECT_EQ(hkdf_sha256(ikm, "", "", 42),
            from_hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
}

TEST(AuditChainKeyTest, ChainKeyIsDerivedAndDiffersFromTheFieldKey) {
  const std::string field_key(32, 'k');
  auto key = AuditChainKey::derive(field_key);
  EXPECT_EQ(key->bytes().size(), kAuditChainKeyBytes);
  EXPECT_NE(key->bytes(), field_key);
  EXPECT_EQ(key->bytes(), AuditChainKey::derive(field_key)->bytes());  // the same every start
  EXPECT_EQ(key->bytes(), hkdf_sha256(field_key, "", "enlace audit chain v1", 32));
  auto other = AuditChainKey::derive(std::string(32, 'j'));
  EXPECT_NE(key->bytes(), other->bytes());
  EXPECT_EQ(key->id().size(), 8u);
  EXPECT_NE(key->id(), other->id());
  EXPECT_EQ(key->id().find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(AuditChainKeyTest, KeyedLinkDependsOnKeyEventAndPredecessor) {
  auto a = AuditChainKey::derive(std::string(32, 'a'));
  auto b = AuditChainKey::derive(std::string(32, 'b'));
  auto e = an_event();
  std::string prev = kGenesisHash;
  auto link = audit_hmac(*a, prev, 1, e);
  EXPECT_TRUE(is_audit_hash(link));
  EXPECT_EQ(link, audit_hmac(*a, prev, 1, e));
  EXPECT_NE(link, audit_hash(prev, 1, e));  // not the plain link anyone could compute
  EXPECT_NE(link, audit_hmac(*b, prev, 1, e));
  EXPECT_NE(link, audit_hmac(*a, prev, 2, e));
  EXPECT_NE(link, audit_hmac(*a, std::string(64, '1'), 1, e));
  auto edited = e;
  edited.outcome = "denied";
  EXPECT_NE(link, audit_hmac(*a, prev, 1, edited));
}

}  // namespace
}  // namespace enlace::storage
