// Anchors (b) and (c), the durable write ceiling: Beast, a Boost.JSON parse of the referral
// body, then one SQLite insert plus one SHA-256 hash-chained audit row in the same
// transaction, on one writer thread, answering only after COMMIT returned. The database uses
// Enlace's pragmas (WAL, synchronous=FULL, foreign_keys) and copies of Enlace's referral and
// audit_event tables with their indexes, so an insert costs what Enlace's does.
//   (b) default: group commit, every job queued during the previous fsync in one transaction.
//   (c) --per-request: the same code with one transaction (one fsync) per request.
// Usage: bench_write_anchor --db PATH [--per-request] --port N --threads N
#include "anchor_server.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/json.hpp>

#include <openssl/evp.h>
#include <sqlite3.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace {

namespace asio = anchor::asio;
namespace http = anchor::http;
namespace bj = boost::json;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS referral (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, from_org TEXT NOT NULL, to_org TEXT NOT NULL,
  service_id TEXT, category TEXT NOT NULL, urgency TEXT NOT NULL, reason TEXT NOT NULL,
  status TEXT NOT NULL, legal_basis TEXT NOT NULL, consent_id TEXT, shared_fields TEXT NOT NULL,
  snapshot TEXT, respond_by INTEGER, requested_at INTEGER, created_by TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS referral_from ON referral(from_org, status, id);
CREATE INDEX IF NOT EXISTS referral_to ON referral(to_org, status, id);
CREATE INDEX IF NOT EXISTS referral_case ON referral(case_id);
CREATE INDEX IF NOT EXISTS referral_category ON referral(category, requested_at);
CREATE INDEX IF NOT EXISTS referral_open_deadline ON referral(respond_by)
  WHERE status IN ('requested','received');
CREATE TABLE IF NOT EXISTS audit_event (
  seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor_user TEXT, organization TEXT, role TEXT,
  action TEXT NOT NULL, entity_type TEXT NOT NULL, entity_id TEXT, outcome TEXT NOT NULL,
  address TEXT, request_id TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS audit_actor ON audit_event(actor_user, seq);
CREATE INDEX IF NOT EXISTS audit_org ON audit_event(organization, seq);
CREATE INDEX IF NOT EXISTS audit_entity ON audit_event(entity_type, entity_id, seq);
CREATE INDEX IF NOT EXISTS audit_at ON audit_event(at);
)sql";

struct Row {
  std::string id, case_id, to_org, category, urgency, reason, shared_fields;
  std::int64_t at = 0;
};

struct Job {
  Row row;
  std::function<void(bool)> done;  // any thread: resumes the request on its own strand
};

void check(sqlite3* db, int rc) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db));
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(len * 2, '0');
  for (unsigned int i = 0; i < len; ++i) hex[2 * i] = kHex[md[i] >> 4], hex[2 * i + 1] = kHex[md[i] & 15];
  return hex;
}

// Length-prefixed, like Enlace's audit encoding.
void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

// Writer thread only: the connection, its two statements and the chain head. The head is kept
// in memory (the writer is the only one appending), which is the cheapest correct way.
class Writer {
 public:
  Writer(const std::string& path, bool per_request) : per_request_(per_request) {
    check(db_, sqlite3_open_v2(path.c_str(), &db_,
                               SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr));
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA foreign_keys = ON");
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = FULL");
    exec(kSchema);
    prepare(&insert_, R"sql(
        INSERT INTO referral (id, case_id, from_org, to_org, category, urgency, reason, status,
                              legal_basis, shared_fields, snapshot, respond_by, requested_at,
                              created_by, created_at, updated_at)
        VALUES (?1, ?2, 'anchor-org', ?3, ?4, ?5, ?6, 'requested', 'consent', ?7, ?7, ?8, ?9,
                'anchor-user', ?9, ?9))sql");
    prepare(&audit_, R"sql(
        INSERT INTO audit_event (seq, at, actor_user, organization, role, action, entity_type,
                                 entity_id, outcome, address, request_id, prev_hash, hash)
        VALUES (?1, ?2, 'anchor-user', 'anchor-org', 'caseworker', 'referral.create', 'referral',
                ?3, 'ok', '127.0.0.1', ?4, ?5, ?6))sql");
    sqlite3_stmt* head = nullptr;
    prepare(&head, "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1");
    if (sqlite3_step(head) == SQLITE_ROW) {
      seq_ = sqlite3_column_int64(head, 0);
      head_ = reinterpret_cast<const char*>(sqlite3_column_text(head, 1));
    }
    sqlite3_finalize(head);
    thread_ = std::thread([this] { loop(); });
  }

  void submit(Job job) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(std::move(job));
    }
    cv_.notify_one();
  }

 private:
  void exec(const char* sql) { check(db_, sqlite3_exec(db_, sql, nullptr, nullptr, nullptr)); }
  void prepare(sqlite3_stmt** st, const char* sql) {
    check(db_, sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, st, nullptr));
  }

  void loop() {
    std::deque<Job> batch;
    for (;;) {
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !queue_.empty(); });
        // Group commit takes everything that queued during the last fsync; (c) takes one.
        do {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        } while (!per_request_ && !queue_.empty() && batch.size() < 256);
      }
      bool ok = commit(batch);
      for (auto& job : batch) job.done(ok);
      batch.clear();
    }
  }

  bool commit(std::deque<Job>& batch) {
    auto seq = seq_;
    auto head = head_;
    try {
      exec("BEGIN IMMEDIATE");
      for (auto& job : batch) insert(job.row, seq, head);
      exec("COMMIT");
      seq_ = seq;
      head_ = std::move(head);
      return true;
    } catch (const std::exception&) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return false;
    }
  }

  void insert(const Row& r, std::int64_t& seq, std::string& head) {
    sqlite3_bind_text(insert_, 1, r.id.data(), static_cast<int>(r.id.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert_, 2, r.case_id.data(), static_cast<int>(r.case_id.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert_, 3, r.to_org.data(), static_cast<int>(r.to_org.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert_, 4, r.category.data(), static_cast<int>(r.category.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert_, 5, r.urgency.data(), static_cast<int>(r.urgency.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert_, 6, r.reason.data(), static_cast<int>(r.reason.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert_, 7, r.shared_fields.data(), static_cast<int>(r.shared_fields.size()), SQLITE_STATIC);
    sqlite3_bind_int64(insert_, 8, r.at + 72 * 3'600'000);
    sqlite3_bind_int64(insert_, 9, r.at);
    int rc = sqlite3_step(insert_);
    sqlite3_reset(insert_);
    check(db_, rc);

    ++seq;
    std::string enc;
    enc.reserve(256);
    put(enc, "enlace-audit-v1");
    put(enc, head);
    put(enc, std::to_string(seq));
    put(enc, std::to_string(r.at));
    for (std::string_view f : {std::string_view("anchor-user"), std::string_view("anchor-org"),
                               std::string_view("caseworker"), std::string_view("referral.create"),
                               std::string_view("referral"), std::string_view(r.id),
                               std::string_view("ok"), std::string_view("127.0.0.1"),
                               std::string_view(r.id)})
      put(enc, f);
    std::string hash = sha256_hex(enc);
    sqlite3_bind_int64(audit_, 1, seq);
    sqlite3_bind_int64(audit_, 2, r.at);
    sqlite3_bind_text(audit_, 3, r.id.data(), static_cast<int>(r.id.size()), SQLITE_STATIC);
    sqlite3_bind_text(audit_, 4, r.id.data(), static_cast<int>(r.id.size()), SQLITE_STATIC);
    sqlite3_bind_text(audit_, 5, head.data(), static_cast<int>(head.size()), SQLITE_STATIC);
    sqlite3_bind_text(audit_, 6, hash.data(), static_cast<int>(hash.size()), SQLITE_STATIC);
    rc = sqlite3_step(audit_);
    sqlite3_reset(audit_);
    check(db_, rc);
    head = std::move(hash);
  }

  bool per_request_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* audit_ = nullptr;
  std::int64_t seq_ = 0;
  std::string head_ = std::string(64, '0');
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  std::thread thread_;
};

template <class Token>
auto async_store(Writer& writer, Row row, Token&& token) {
  return asio::async_initiate<Token, void(bool)>(
      [&writer](auto handler, Row r) {
        // std::function needs a copyable target: share the move-only handler.
        auto h = std::make_shared<decltype(handler)>(std::move(handler));
        auto ex = asio::get_associated_executor(*h);
        writer.submit(Job{std::move(r), [h, ex](bool ok) {
                            asio::post(ex, [h, ok]() mutable { std::move(*h)(ok); });
                          }});
      },
      token, std::move(row));
}

std::string text(const bj::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// Time-ordered 36-character ids, the size of Enlace's.
std::string next_id(std::int64_t at) {
  static std::atomic<std::uint64_t> counter{0};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%012llx-7000-8000-%016llx", static_cast<unsigned long long>(at),
                static_cast<unsigned long long>(counter.fetch_add(1)));
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = anchor::parse_options(argc, argv);
  if (options.db.empty()) {
    std::cerr << "bench_write_anchor: --db PATH is required\n";
    return 2;
  }
  Writer writer(options.db, options.per_request);
  auto handle = [&writer](anchor::Request& req) -> asio::awaitable<anchor::Response> {
    if (req.method() != http::verb::post) co_return anchor::reply(req, http::status::ok, "{}");
    boost::system::error_code ec;
    bj::value body = bj::parse(req.body(), ec);
    if (ec || !body.is_object()) co_return anchor::reply(req, http::status::bad_request, "{}");
    const auto& o = body.get_object();
    Row row;
    row.case_id = text(o, "case_id");
    row.to_org = text(o, "to_organization_id");
    row.category = text(o, "category");
    row.urgency = text(o, "urgency");
    row.reason = text(o, "reason");
    if (auto* f = o.if_contains("shared_fields")) row.shared_fields = bj::serialize(*f);
    if (row.case_id.empty() || row.to_org.empty() || row.category.empty() || row.urgency.empty())
      co_return anchor::reply(req, http::status::unprocessable_entity, "{}");
    row.at = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch()).count();
    row.id = next_id(row.at);
    std::string id = row.id;
    bool ok = co_await async_store(writer, std::move(row), asio::use_awaitable);
    if (!ok) co_return anchor::reply(req, http::status::service_unavailable, "{}");
    co_return anchor::reply(req, http::status::created, "{\"id\":\"" + id + "\"}");
  };
  return anchor::serve(options, handle);
}
