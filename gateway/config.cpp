// Resolving and printing the `enlace serve` configuration.
#include "gateway/config.hpp"

#include "core/mail_text.hpp"
#include "gateway/trusted_proxies.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <variant>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace enlace::gateway {
namespace {

using Member = std::variant<std::string ServeConfig::*, int ServeConfig::*,
                            std::size_t ServeConfig::*, bool ServeConfig::*,
                            std::vector<std::string> ServeConfig::*, double ServeConfig::*>;

struct Setting {
  std::string_view key;
  Member member;
};

// One row per ServeConfig field, in the struct's order (describe_config prints this order).
const Setting kSettings[] = {
    {"db", &ServeConfig::db},
    {"db_password_file", &ServeConfig::db_password_file},
    {"listen", &ServeConfig::listen},
    {"port", &ServeConfig::port},
    {"threads", &ServeConfig::threads},
    {"read_threads", &ServeConfig::read_threads},
    {"web_root", &ServeConfig::web_root},
    {"tls_cert", &ServeConfig::tls_cert},
    {"tls_key", &ServeConfig::tls_key},
    {"log_level", &ServeConfig::log_level},
    {"max_body_bytes", &ServeConfig::max_body_bytes},
    {"max_header_bytes", &ServeConfig::max_header_bytes},
    {"header_timeout_seconds", &ServeConfig::header_timeout_seconds},
    {"body_timeout_seconds", &ServeConfig::body_timeout_seconds},
    {"idle_timeout_seconds", &ServeConfig::idle_timeout_seconds},
    {"max_connections", &ServeConfig::max_connections},
    {"max_connections_per_address", &ServeConfig::max_connections_per_address},
    {"rate_limit_per_minute", &ServeConfig::rate_limit_per_minute},
    {"login_failures_per_15_minutes", &ServeConfig::login_failures_per_15_minutes},
    {"trusted_proxies", &ServeConfig::trusted_proxies},
    {"session_idle_minutes", &ServeConfig::session_idle_minutes},
    {"session_absolute_hours", &ServeConfig::session_absolute_hours},
    {"stream_session_check_ms", &ServeConfig::stream_session_check_ms},
    {"temporary_password_hours", &ServeConfig::temporary_password_hours},
    {"totp_required", &ServeConfig::totp_required},
    {"hsds_public", &ServeConfig::hsds_public},
    {"argon2_memory_kib", &ServeConfig::argon2_memory_kib},
    {"argon2_iterations", &ServeConfig::argon2_iterations},
    {"argon2_parallelism", &ServeConfig::argon2_parallelism},
    {"password_hash_threads", &ServeConfig::password_hash_threads},
    {"password_hash_queue", &ServeConfig::password_hash_queue},
    {"encryption_key_file", &ServeConfig::encryption_key_file},
    {"retention_days", &ServeConfig::retention_days},
    {"overdue_reminder_hours", &ServeConfig::overdue_reminder_hours},
    {"expire_unanswered_after_hours", &ServeConfig::expire_unanswered_after_hours},
    {"smtp_url", &ServeConfig::smtp_url},
    {"smtp_user", &ServeConfig::smtp_user},
    {"smtp_password_file", &ServeConfig::smtp_password_file},
    {"mail_from", &ServeConfig::mail_from},
    {"public_url", &ServeConfig::public_url},
    {"default_language", &ServeConfig::default_language},
    {"webhook_allow_private_addresses", &ServeConfig::webhook_allow_private_addresses},
    {"test_clock_file", &ServeConfig::test_clock_file},
};

const Setting* find_setting(std::string_view key) {
  for (const auto& s : kSettings)
    if (s.key == key) return &s;
  return nullptr;
}

// Where each key's final value came from, so that a message can point at the right place.
using Origins = std::map<std::string, std::string, std::less<>>;

std::string with_origin(std::string message, const Origins& origins, std::string_view key) {
  auto it = origins.find(key);
  if (it != origins.end()) message += " (set by " + it->second + ")";
  return message;
}

std::optional<std::string> set_from_text(ServeConfig& c, const Setting& s, std::string_view text) {
  struct Visitor {
    ServeConfig& c;
    std::string_view text;
    std::optional<std::string> operator()(std::string ServeConfig::*m) const {
      c.*m = std::string(text);
      return std::nullopt;
    }
    std::optional<std::string> operator()(int ServeConfig::*m) const {
      int v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return "must be a whole number";
      c.*m = v;
      return std::nullopt;
    }
    std::optional<std::string> operator()(std::size_t ServeConfig::*m) const {
      std::size_t v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return "must be a whole number of bytes";
      c.*m = v;
      return std::nullopt;
    }
    std::optional<std::string> operator()(double ServeConfig::*m) const {
      double v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v))
        return "must be a number";
      c.*m = v;
      return std::nullopt;
    }
    std::optional<std::string> operator()(bool ServeConfig::*m) const {
      std::string lower(text);
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") {
        c.*m = true;
      } else if (lower == "false" || lower == "0" || lower == "no" || lower == "off") {
        c.*m = false;
      } else {
        return "must be true or false";
      }
      return std::nullopt;
    }
    // A list in the environment or a flag: comma-separated (ENLACE_TRUSTED_PROXIES=a,b).
    std::optional<std::string> operator()(std::vector<std::string> ServeConfig::*m) const {
      std::vector<std::string> items;
      std::string_view rest = text;
      for (;;) {
        auto comma = rest.find(',');
        auto item = rest.substr(0, comma);
        while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.remove_prefix(1);
        while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.remove_suffix(1);
        if (!item.empty()) items.emplace_back(item);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      c.*m = std::move(items);
      return std::nullopt;
    }
  };
  return std::visit(Visitor{c, text}, s.member);
}

std::optional<std::string> set_from_toml(ServeConfig& c, const Setting& s, const toml::node& n) {
  struct Visitor {
    ServeConfig& c;
    const toml::node& n;
    std::optional<std::string> operator()(std::string ServeConfig::*m) const {
      auto v = n.value_exact<std::string>();
      if (!v) return "must be a string";
      c.*m = *v;
      return std::nullopt;
    }
    std::optional<std::string> operator()(int ServeConfig::*m) const {
      auto v = n.value_exact<std::int64_t>();
      if (!v) return "must be an integer";
      if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())
        return "is out of range";
      c.*m = static_cast<int>(*v);
      return std::nullopt;
    }
    std::optional<std::string> operator()(std::size_t ServeConfig::*m) const {
      auto v = n.value_exact<std::int64_t>();
      if (!v) return "must be an integer";
      if (*v < 0) return "must not be negative";
      c.*m = static_cast<std::size_t>(*v);
      return std::nullopt;
    }
    std::optional<std::string> operator()(double ServeConfig::*m) const {
      // 36 and 36.0 alike: a whole number of hours is written without a point.
      if (auto whole = n.value_exact<std::int64_t>()) {
        c.*m = static_cast<double>(*whole);
        return std::nullopt;
      }
      auto v = n.value_exact<double>();
      if (!v || !std::isfinite(*v)) return "must be a number";
      c.*m = *v;
      return std::nullopt;
    }
    std::optional<std::string> operator()(bool ServeConfig::*m) const {
      auto v = n.value_exact<bool>();
      if (!v) return "must be true or false";
      c.*m = *v;
      return std::nullopt;
    }
    std::optional<std::string> operator()(std::vector<std::string> ServeConfig::*m) const {
      const auto* array = n.as_array();
      if (!array) return "must be an array of strings";
      std::vector<std::string> items;
      for (const auto& item : *array) {
        auto v = item.value_exact<std::string>();
        if (!v) return "must be an array of strings";
        items.push_back(*v);
      }
      c.*m = std::move(items);
      return std::nullopt;
    }
  };
  return std::visit(Visitor{c, n}, s.member);
}

std::string flag_name(std::string_view key) {
  std::string f = "--";
  for (char ch : key) f += ch == '_' ? '-' : ch;
  return f;
}

std::string env_name(std::string_view key) {
  std::string e = "ENLACE_";
  for (char ch : key) e += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return e;
}

// Flags may arrive spelled like the command line (tls-cert) or like the struct (tls_cert).
std::string normalise_flag(std::string_view key) {
  std::string k(key);
  while (k.starts_with("-")) k.erase(0, 1);
  std::replace(k.begin(), k.end(), '-', '_');
  return k;
}

void read_file(const std::string& path, ServeConfig& c, Origins& origins, core::FieldErrors& errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.add("config", "cannot read the file " + path);
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string doc = text.str();
  toml::table table;
#if TOML_EXCEPTIONS
  try {
    table = toml::parse(doc, path);
  } catch (const toml::parse_error& e) {
    errors.add("config", "is not valid TOML at line " + std::to_string(e.source().begin.line) +
                             ": " + std::string(e.description()));
    return;
  }
#else
  auto parsed = toml::parse(doc, path);
  if (!parsed) {
    const auto& e = parsed.error();
    errors.add("config", "is not valid TOML at line " + std::to_string(e.source().begin.line) +
                             ": " + std::string(e.description()));
    return;
  }
  table = std::move(parsed).table();
#endif
  for (auto&& [k, node] : table) {
    std::string key(k.str());
    const Setting* s = find_setting(key);
    if (!s) {
      errors.add(key, "is not a known setting (in " + path + ")");
      continue;
    }
    if (auto problem = set_from_toml(c, *s, node)) {
      errors.add(key, *problem + " (in " + path + ")");
      continue;
    }
    origins[key] = path;
  }
}

bool is_ip_address(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

void validate(const ServeConfig& c, const Origins& origins, core::FieldErrors& errors) {
  // A key whose value was already refused (wrong type) is not range-checked again.
  auto reported = [&](std::string_view key) {
    const auto& items = errors.items();
    return std::any_of(items.begin(), items.end(), [&](const auto& e) { return e.field == key; });
  };
  auto fail = [&](std::string_view key, std::string message) {
    if (reported(key)) return;
    errors.add(std::string(key), with_origin(std::move(message), origins, key));
  };
  auto range = [&](std::string_view key, long long v, long long lo, long long hi) {
    if (v < lo || v > hi)
      fail(key, "must be from " + std::to_string(lo) + " to " + std::to_string(hi));
  };

  if (c.db.empty()) fail("db", "is required (--db, ENLACE_DB or db in the config file)");
  if (!is_ip_address(c.listen)) fail("listen", "must be an IPv4 or IPv6 address");
  range("port", c.port, 0, 65535);
  range("threads", c.threads, 0, 1024);
  range("read_threads", c.read_threads, 1, 64);
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    if (c.tls_cert.empty())
      fail("tls_cert", "is required when tls_key is set");
    else
      fail("tls_key", "is required when tls_cert is set");
  }
  static constexpr std::array<std::string_view, 5> kLevels = {"trace", "debug", "info", "warn",
                                                              "error"};
  if (std::find(kLevels.begin(), kLevels.end(), c.log_level) == kLevels.end())
    fail("log_level", "must be one of trace, debug, info, warn, error");
  range("max_body_bytes", static_cast<long long>(std::min<std::size_t>(c.max_body_bytes, 1ULL << 40)),
        1024, 1LL << 30);
  range("max_header_bytes",
        static_cast<long long>(std::min<std::size_t>(c.max_header_bytes, 1ULL << 40)), 1024,
        1 << 20);
  range("header_timeout_seconds", c.header_timeout_seconds, 1, 3600);
  range("body_timeout_seconds", c.body_timeout_seconds, 1, 3600);
  range("idle_timeout_seconds", c.idle_timeout_seconds, 1, 86400);
  range("max_connections", c.max_connections, 1, 1'000'000);
  range("max_connections_per_address", c.max_connections_per_address, 1, 1'000'000);
  range("rate_limit_per_minute", c.rate_limit_per_minute, 1, 1'000'000);
  range("login_failures_per_15_minutes", c.login_failures_per_15_minutes, 1, 10'000);
  range("session_idle_minutes", c.session_idle_minutes, 1, 24 * 60);
  range("session_absolute_hours", c.session_absolute_hours, 1, 24 * 30);
  range("stream_session_check_ms", c.stream_session_check_ms, 50, 4000);
  range("temporary_password_hours", c.temporary_password_hours, 1, 24 * 30);
  if (c.session_idle_minutes >= 1 && c.session_absolute_hours >= 1 &&
      static_cast<long long>(c.session_idle_minutes) > 60LL * c.session_absolute_hours)
    fail("session_idle_minutes", "must not be longer than session_absolute_hours");
  range("argon2_parallelism", c.argon2_parallelism, 1, 64);
  // Argon2 itself needs at least 8 KiB per lane; the upper bound keeps a typo from eating RAM.
  range("argon2_memory_kib", c.argon2_memory_kib, 8LL * std::max(1, c.argon2_parallelism),
        4 * 1024 * 1024);
  range("argon2_iterations", c.argon2_iterations, 1, 1000);
  range("password_hash_threads", c.password_hash_threads, 1, 256);
  range("password_hash_queue", c.password_hash_queue, 0, 100000);
  if (auto proxies = TrustedProxies::parse(c.trusted_proxies); !proxies) {
    std::string message;  // every bad entry in one message: the key is reported once
    for (const auto& e : proxies.error().fields.items())
      message += (message.empty() ? "" : "; ") + e.message;
    fail("trusted_proxies", message);
  }
  range("retention_days", c.retention_days, 1, 36500);
  range("overdue_reminder_hours", c.overdue_reminder_hours, 1, 24 * 30);
  // 0 is "never" (the key left out); otherwise at least a minute, at most a year.
  const double expire = c.expire_unanswered_after_hours;
  if (expire != 0 && !(expire >= 1.0 / 60 && expire <= 24 * 365))
    fail("expire_unanswered_after_hours",
         "must be a number of hours from 0.0167 (a minute) to 8760, or 0 or left out for never");
  if (!core::is_ui_language(c.default_language))
    fail("default_language", "must be one of es, en, fr, pt, ht, fil");
  if (!c.smtp_url.empty()) {
    if (!c.smtp_url.starts_with("smtp://") && !c.smtp_url.starts_with("smtps://"))
      fail("smtp_url", "must start with smtp:// or smtps://");
    if (c.mail_from.empty() || c.mail_from.find('@') == std::string::npos)
      fail("mail_from", "must be an e-mail address when smtp_url is set");
    if (!c.public_url.starts_with("https://") && !c.public_url.starts_with("http://"))
      fail("public_url", "must be an http(s) URL when smtp_url is set");
  }
  if (!c.smtp_password_file.empty() && c.smtp_user.empty())
    fail("smtp_user", "is required with smtp_password_file");
}

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (u < 0x20 || u == 0x7f) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string toml_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) out += (out.size() > 1 ? ", " : "") + toml_string(item);
  return out + "]";
}

}  // namespace

bool is_secret_key(std::string_view key) {
  return key.ends_with("_secret") || key.ends_with("_password") || key.ends_with("_token");
}

core::Result<ServeConfig> resolve_config(const ConfigSources& sources) {
  ServeConfig c;
  Origins origins;
  core::FieldErrors errors;

  std::optional<std::string> file = sources.file;
  if (!file) {
    if (auto it = sources.env.find("ENLACE_CONFIG"); it != sources.env.end() && !it->second.empty())
      file = it->second;
  }
  if (file) read_file(*file, c, origins, errors);

  // Unknown ENLACE_* variables are ignored: the environment is shared with other tools.
  for (const auto& s : kSettings) {
    auto name = env_name(s.key);
    auto it = sources.env.find(name);
    if (it == sources.env.end()) continue;
    if (auto problem = set_from_text(c, s, it->second)) {
      errors.add(std::string(s.key), *problem + " (set by " + name + ")");
      continue;
    }
    origins[std::string(s.key)] = name;
  }

  for (const auto& [raw, value] : sources.flags) {
    auto key = normalise_flag(raw);
    const Setting* s = find_setting(key);
    if (!s) {
      errors.add(key, "is not a known setting");
      continue;
    }
    if (auto problem = set_from_text(c, *s, value)) {
      errors.add(key, *problem + " (set by " + flag_name(key) + ")");
      continue;
    }
    origins[key] = flag_name(key);
  }

  validate(c, origins, errors);
  if (!errors.empty()) return core::Error::invalid(std::move(errors), "The configuration is invalid.");
  return c;
}

std::string describe_config(const ServeConfig& c) {
  std::string out;
  for (const auto& s : kSettings) {
    std::string value = std::visit(
        [&](auto m) -> std::string {
          const auto& v = c.*m;
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::string>)
            return toml_string(is_secret_key(s.key) && !v.empty() ? "********" : v);
          else if constexpr (std::is_same_v<V, std::vector<std::string>>)
            return toml_array(v);
          else if constexpr (std::is_same_v<V, bool>)
            return v ? "true" : "false";
          else if constexpr (std::is_same_v<V, double>)
            return fmt::format("{}", v);
          else
            return is_secret_key(s.key) ? toml_string("********") : std::to_string(v);
        },
        s.member);
    out += std::string(s.key) + " = " + value + "\n";
  }
  return out;
}

}  // namespace enlace::gateway
