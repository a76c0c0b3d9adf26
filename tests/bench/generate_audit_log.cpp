// A long audit chain for timing `enlace audit verify` and GET /api/v1/audit/verify
// (tests/bench/audit_verify.sh). Standalone:
//   generate_audit_log --db PATH --events N [--key-file KEY]
// With --key-file the chain is keyed (HMAC-SHA-256 under the key's chain key), as a server with
// that encryption_key_file writes it.
// It migrates PATH (a fresh file) and appends N events through storage::append_audit, the
// writer's own code, so the chain is real; fields have the sizes the server writes (ids of 36
// characters, a 16-digit request id), and no person is named in any of them.
#include "storage/audit_log.hpp"
#include "storage/field_cipher.hpp"
#include "storage/migrations.hpp"
#include "storage/sql.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

using namespace enlace;

namespace {

constexpr long kEventsPerTransaction = 50'000;
constexpr const char* kActions[] = {"case.read", "case.update", "referral.read", "referral.transition",
                                    "auth.login", "referral.message"};

std::string uuid_like(long n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "0193a1b2-%04lx-7000-8000-%012lx", n % 0x10000, n);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, key_file;
  long events = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--db") db = argv[i + 1];
    else if (flag == "--events") events = std::atol(argv[i + 1]);
    else if (flag == "--key-file") key_file = argv[i + 1];
  }
  if (db.empty() || events <= 0) {
    std::cerr << "usage: generate_audit_log --db PATH --events N [--key-file KEY]\n";
    return 2;
  }
  if (!key_file.empty()) {
    auto key = storage::read_field_key(key_file);
    if (!key) {
      std::cerr << "cannot read " << key_file << "\n";
      return 2;
    }
    storage::install_audit_chain_key(storage::AuditChainKey::derive(*key));
  }
  if (auto m = storage::migrate(db); !m) {
    std::cerr << m.error().detail << "\n";
    return 1;
  }
  auto c = storage::Connection::open(db, {.read_only = false});
  storage::WriteTxn tx(c);
  core::AuditContext ctx;
  ctx.address = "192.0.2.15";
  auto start = core::from_millis(1'780'000'000'000);  // 2026
  for (long i = 0; i < events; ++i) {
    if (i % kEventsPerTransaction == 0) {
      if (i > 0) c.exec("COMMIT");
      c.exec("BEGIN IMMEDIATE");
    }
    ctx.actor_user = uuid_like(i % 400);
    ctx.organization = uuid_like(1'000'000 + i % 40);
    ctx.role = i % 5 == 0 ? "partner" : "caseworker";
    ctx.at = start + std::chrono::milliseconds(i * 250);
    char request_id[20];
    std::snprintf(request_id, sizeof request_id, "%016lx", 0x5eed0000L + i);
    ctx.request_id = request_id;
    storage::append_audit(tx, ctx.event(kActions[i % 6], "case", uuid_like(2'000'000 + i % 50'000)));
  }
  c.exec("COMMIT");
  std::cout << "appended " << events << " audit events to " << db << "\n";
  return 0;
}
