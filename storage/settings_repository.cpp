// Settings in SQLite: see settings_repository.hpp. JSON values are written here with known
// keys and read back with SQLite's json_each, so storage needs no JSON library.
#include "storage/settings_repository.hpp"

#include "storage/json_text.hpp"

namespace enlace::storage {

namespace {

std::string hours_json(const std::map<core::Urgency, int>& hours) {
  std::string out = "{";
  for (const auto& [urgency, h] : hours) {
    if (out.size() > 1) out += ',';
    out += json_quote(core::to_string(urgency)) + ":" + std::to_string(h);
  }
  return out + "}";
}

// Reads the urgency -> figure map at `path` and the category -> urgency -> figure map at
// `by_path` into `base` and `by_category` (a stored value without them keeps the defaults).
void parse_figures(Connection& c, const std::string& json, const char* path, const char* by_path,
                   std::map<core::Urgency, int>& base,
                   std::map<std::string, std::map<core::Urgency, int>>& by_category) {
  // PostgreSQL's JSON path is a text array: "$.a.b" is {a,b}.
  auto pg_path = [](std::string p) {
    for (auto& ch : p) ch = ch == '.' ? ',' : ch;
    return "{" + p.substr(2) + "}";
  };
  const bool pg = c.is_postgres();
  {
    auto st = c.prepared(pg ? "SELECT key, value FROM json_each(CAST(?1 AS json) #> CAST(?2 AS text[]))"
                              " WHERE json_typeof(value) = 'number'"
                            : "SELECT key, value FROM json_each(?1, ?2) WHERE type = 'integer'");
    st.bind(1, json);
    st.bind(2, pg ? pg_path(path) : std::string(path));
    while (st.step())
      if (auto u = core::parse_urgency(st.text(0))) base[*u] = static_cast<int>(st.int64(1));
  }
  auto st = c.prepared(
      pg ? "SELECT c.key, u.key, u.value FROM json_each(CAST(?1 AS json) #> CAST(?2 AS text[])) c,"
           " json_each(c.value) u"
         : "SELECT c.key, u.key, u.value FROM json_each(?1, ?2) c, json_each(c.value) u");
  st.bind(1, json);
  st.bind(2, pg ? pg_path(by_path) : std::string(by_path));
  while (st.step())
    if (auto u = core::parse_urgency(st.text(1)))
      by_category[st.text(0)][*u] = static_cast<int>(st.int64(2));
}

core::ResponseStandards parse_standards(Connection& c, const std::string& json) {
  core::ResponseStandards s;
  parse_figures(c, json, "$.hours", "$.by_category", s.hours, s.by_category);
  parse_figures(c, json, "$.outcome_days", "$.outcome_days.by_category", s.outcome_days,
                s.outcome_days_by_category);
  return s;
}

std::string by_category_json(const std::map<std::string, std::map<core::Urgency, int>>& by) {
  std::string out = "{";
  for (const auto& [category, figures] : by) {
    if (out.size() > 1) out += ',';
    out += json_quote(category) + ":" + hours_json(figures);
  }
  return out + "}";
}

}  // namespace

std::string response_standards_json(const core::ResponseStandards& s) {
  std::string days = hours_json(s.outcome_days);
  days.pop_back();
  days += std::string(days.size() > 1 ? "," : "") + "\"by_category\":" +
          by_category_json(s.outcome_days_by_category) + "}";
  return "{\"hours\":" + hours_json(s.hours) + ",\"by_category\":" + by_category_json(s.by_category) +
         ",\"outcome_days\":" + days + "}";
}

template <class Txn>
std::optional<SettingRecord> SettingsRepository::find(Txn& tx, const std::string& key) {
  auto st = tx.prepared("SELECT key, value, version, updated_at FROM setting WHERE key = ?1");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return SettingRecord{st.text(0), st.text(1), st.int64(2), core::from_millis(st.int64(3))};
}
template std::optional<SettingRecord> SettingsRepository::find(ReadTxn&, const std::string&);
template std::optional<SettingRecord> SettingsRepository::find(WriteTxn&, const std::string&);

core::Result<SettingRecord> SettingsRepository::put(WriteTxn& tx, const std::string& key,
                                                    const std::string& json_value,
                                                    std::optional<std::int64_t> expected_version,
                                                    core::Timestamp now) {
  auto current = find(tx, key);
  // A setting never stored counts as version 1 (its defaults), as GET reports it.
  std::int64_t version = current ? current->version : 1;
  if (expected_version && *expected_version != version) return core::Error::stale();
  auto st = tx.prepared(R"sql(
      INSERT INTO setting (key, value, version, updated_at) VALUES (?1, ?2, ?3, ?4)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version,
                                      updated_at = excluded.updated_at)sql");
  st.bind(1, key);
  st.bind(2, json_value);
  st.bind(3, version + 1);
  st.bind(4, core::to_millis(now));
  st.run();
  return SettingRecord{key, json_value, version + 1, now};
}

template <class Txn>
ResponseStandardsRecord SettingsRepository::response_standards(Txn& tx) {
  auto row = find(tx, kResponseStandardsKey);
  if (!row) return {};
  return {parse_standards(tx.connection(), row->value), row->version, row->updated_at};
}
template ResponseStandardsRecord SettingsRepository::response_standards(ReadTxn&);
template ResponseStandardsRecord SettingsRepository::response_standards(WriteTxn&);

core::Result<ResponseStandardsRecord> SettingsRepository::save_response_standards(
    WriteTxn& tx, const core::ResponseStandards& s, std::int64_t expected_version,
    core::Timestamp now) {
  auto saved = put(tx, kResponseStandardsKey, response_standards_json(s), expected_version, now);
  if (!saved) return saved.error();
  return ResponseStandardsRecord{s, saved->version, saved->updated_at};
}

template <class Txn>
bool SettingsRepository::is_demo(Txn& tx) {
  auto row = find(tx, kDemoKey);
  return row && row->value == "true";
}
template bool SettingsRepository::is_demo(ReadTxn&);
template bool SettingsRepository::is_demo(WriteTxn&);

void SettingsRepository::mark_demo(WriteTxn& tx, core::Timestamp now) {
  (void)put(tx, kDemoKey, "true", std::nullopt, now);
}

core::Result<bool> read_demo_flag(const std::string& path) {
  try {
    auto c = Connection::open(path, {.read_only = true, .create = false});
    ReadTxn tx(c);
    return SettingsRepository::is_demo(tx);
  } catch (const DbError& e) {
    return core::Error::internal("Could not read the settings: " + e.message);
  }
}

}  // namespace enlace::storage
