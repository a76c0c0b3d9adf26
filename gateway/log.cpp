// JSON log lines through spdlog: see log.hpp.
#include "gateway/log.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

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
}  // namespace

void set_log_level(std::string_view level) {
  logger()->set_level(spdlog::level::from_str(std::string(level)));
}

bool log_enabled(LogLevel level) { return logger()->should_log(to_spd(level)); }

void log_event(LogLevel level, std::string_view event, boost::json::object fields) {
  if (!log_enabled(level)) return;
  boost::json::object line;
  auto now = std::chrono::system_clock::now();
  line["ts"] = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  line["level"] = name(level);
  line["event"] = event;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  logger()->log(to_spd(level), "{}", boost::json::serialize(line));
}

}  // namespace enlace::gateway
