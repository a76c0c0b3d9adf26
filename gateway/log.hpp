// Structured logs: one JSON object per line on stdout (journald keeps it). Log ids, never
// names, birth dates, phone numbers, free text, tokens, passwords or query strings.
#pragma once

#include <boost/json/object.hpp>

#include <string_view>

namespace enlace::gateway {

enum class LogLevel { debug, info, warn, error };

void set_log_level(std::string_view level);
bool log_enabled(LogLevel level);
void log_event(LogLevel level, std::string_view event, boost::json::object fields = {});

}  // namespace enlace::gateway
