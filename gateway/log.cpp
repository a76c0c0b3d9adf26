// JSON log lines through spdlog: see log.hpp; the access log's batches: see access_log.hpp.
#include "gateway/log.hpp"

#include "gateway/access_log.hpp"

#include <boost/asio/post.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <vector>

namespace enlace::gateway {

namespace {
std::shared_ptr<spdlog::logger> logger() {
  static auto l = [] {
    auto lg = spdlog::stdout_logger_mt("enlace");
    lg->set_pattern("%v");  // the message is the whole JSON line
    lg->flush_on(spdlog::level::info);
    return lg;
  }();
  return l;
}

spdlog::level::level_enum to_spd(LogLevel l) {
  switch (l) {
    case LogLevel::debug: return spdlog::level::debug;
    case LogLevel::info: return spdlog::level::info;
    case LogLevel::warn: return spdlog::level::warn;
    case LogLevel::error: return spdlog::level::err;
  }
  return spdlog::level::info;
}

const char* name(LogLevel l) {
  switch (l) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warn: return "warn";
    case LogLevel::error: return "error";
  }
  return "info";
}

std::string format_line(LogLevel level, std::string_view event, boost::json::object fields) {
  boost::json::object line;
  auto now = std::chrono::system_clock::now();
  line["ts"] = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  line["level"] = name(level);
  line["event"] = event;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  return boost::json::serialize(line);
}

// A JSON string as boost::json::serialize writes it: plain text as it is, anything to escape
// through Boost.JSON itself.
void append_json_string(std::string& out, std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == '"' || c == '\\') {
      out += boost::json::serialize(s);
      return;
    }
  out += '"';
  out += s;
  out += '"';
}

// The line format_line(info, "request", fields) gives, field for field and byte for byte
// (access_log_test.cpp compares them), without a JSON object for each request.
std::string format_request_line(const RequestLine& r) {
  auto now = std::chrono::system_clock::now();
  std::string out;
  out.reserve(256);
  out += "{\"ts\":";
  out += std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
  out += ",\"level\":\"info\",\"event\":\"request\",\"request_id\":";
  append_json_string(out, r.request_id);
  out += ",\"method\":";
  append_json_string(out, r.method);
  out += ",\"route\":";
  append_json_string(out, r.route);
  out += ",\"status\":";
  out += std::to_string(r.status);
  out += ",\"duration_ms\":";
  out += boost::json::serialize(boost::json::value(r.duration_ms));
  if (r.signed_in) {
    out += ",\"user\":";
    append_json_string(out, r.user);
    out += ",\"org\":";
    append_json_string(out, r.org);
  }
  out += '}';
  return out;
}

// --- The access log's batches ---

constexpr std::size_t kFlushAt = 64 * 1024;

struct Batch {
  std::mutex mu;
  std::string lines;  // whole lines, each ending in '\n'
  bool flush_posted = false;
};

std::atomic<boost::asio::io_context*> batch_context{nullptr};
std::mutex batches_mu;
std::vector<std::shared_ptr<Batch>> batches;  // every thread's, for flush_access_log

// Lines reach stdout through stdio, as spdlog's stdout sink writes them: one fwrite holds
// the FILE's lock, so a batch never interleaves with another line.
void write_out(const std::string& lines) {
  if (lines.empty()) return;
  std::fwrite(lines.data(), 1, lines.size(), stdout);
  std::fflush(stdout);
}

// The batch's mutex is held while it is written: a flush run on another I/O thread and the
// owner's own write at 64 KiB never reorder its lines.
void flush(Batch& b) {
  std::lock_guard lock(b.mu);
  b.flush_posted = false;
  write_out(b.lines);
  b.lines.clear();
}

std::shared_ptr<Batch>& this_thread_batch() {
  thread_local std::shared_ptr<Batch> mine;
  return mine;
}

// Before a thread logs any other line, its own buffered lines go out first.
void flush_this_thread() {
  if (auto& mine = this_thread_batch()) flush(*mine);
}

}  // namespace

void set_log_level(std::string_view level) {
  logger()->set_level(spdlog::level::from_str(std::string(level)));
}

bool log_enabled(LogLevel level) { return logger()->should_log(to_spd(level)); }

void log_event(LogLevel level, std::string_view event, boost::json::object fields) {
  if (!log_enabled(level)) return;
  flush_this_thread();
  logger()->log(to_spd(level), "{}", format_line(level, event, std::move(fields)));
}

void log_request(const RequestLine& r) {
  if (!log_enabled(LogLevel::info)) return;
  auto line = format_request_line(r);
  auto* ioc = batch_context.load(std::memory_order_acquire);
  if (!ioc) {
    flush_this_thread();
    logger()->log(spdlog::level::info, "{}", line);
    return;
  }
  auto& mine = this_thread_batch();
  if (!mine) {
    mine = std::make_shared<Batch>();
    std::lock_guard lock(batches_mu);
    batches.push_back(mine);
  }
  bool post = false;
  {
    std::lock_guard lock(mine->mu);
    mine->lines += line;
    mine->lines += '\n';
    if (mine->lines.size() >= kFlushAt) {
      write_out(mine->lines);
      mine->lines.clear();
    } else if (!mine->flush_posted) {
      mine->flush_posted = post = true;
    }
  }
  if (post) boost::asio::post(*ioc, [batch = mine] { flush(*batch); });
}

void set_access_log_context(boost::asio::io_context* ioc) {
  batch_context.store(ioc, std::memory_order_release);
}

void flush_access_log() {
  std::lock_guard lock(batches_mu);
  for (auto& b : batches) flush(*b);
}

}  // namespace enlace::gateway
