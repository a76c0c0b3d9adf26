// The fixture of the audit chain's storage tests: a migrated database in a temporary
// directory, events made up by number, and the hashes as stored.
#pragma once

#include "storage/audit_log.hpp"
#include "storage/migrations.hpp"
#include "storage/sql.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <unistd.h>

namespace enlace::storage {

// Event number i, made up (also for the PostgreSQL chain's tests).
inline core::AuditEvent chain_test_event(int i) {
  core::AuditContext ctx;
  ctx.actor_user = "user-" + std::to_string(i % 3);
  ctx.organization = "org-1";
  ctx.role = "caseworker";
  ctx.address = "127.0.0.1";
  ctx.request_id = "req-" + std::to_string(i);
  ctx.at = core::from_millis(1'790'000'000'000 + i * 1000);
  return ctx.event("case.read", "case", "case-" + std::to_string(i));
}

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/enlace-audit-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/audit.db";
    ASSERT_TRUE(migrate(path_).has_value());
    conn_.emplace(Connection::open(path_, {.read_only = false}));
  }
  void TearDown() override {
    conn_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  core::AuditEvent event(int i) { return chain_test_event(i); }

  // Appends events first..first+n-1, linked with `key` (none: plain SHA-256).
  void append(int n, const AuditChainKey* key = nullptr, int first = 1) {
    conn_->exec("BEGIN IMMEDIATE");
    WriteTxn tx(*conn_);
    for (int i = first; i < first + n; ++i) append_audit(tx, event(i), key);
    conn_->exec("COMMIT");
  }

  ChainReport verify(std::string_view expect_head = {}, const AuditChainKey* key = nullptr) {
    return verify_audit_chain(*conn_, expect_head, key);
  }

  std::string hash_of(std::int64_t seq) {
    auto st = conn_->prepared("SELECT hash FROM audit_event WHERE seq = ?1");
    st.bind(1, seq);
    EXPECT_TRUE(st.step());
    return st.text(0);
  }

  std::string dir_, path_;
  std::optional<Connection> conn_;
};

}  // namespace enlace::storage
