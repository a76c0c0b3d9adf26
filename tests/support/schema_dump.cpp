// Schema and rows as SQL text: see schema_dump.hpp.
#include "support/schema_dump.hpp"

#include <string>
#include <utility>

namespace enlace::test {

namespace {
// content = '' in an FTS5 table's CREATE statement, however it is spaced.
bool is_contentless(std::string sql) {
  std::erase(sql, ' ');
  return sql.find("content=''") != std::string::npos;
}
}  // namespace

std::vector<TableShape> application_tables(storage::Connection& c) {
  std::vector<TableShape> tables;
  std::vector<std::pair<std::string, bool>> virtual_tables;  // name, contentless
  auto st = c.prepared(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
      " ORDER BY rowid");
  while (st.step()) {
    TableShape t;
    t.name = st.text(0);
    t.is_virtual = st.text(1).starts_with("CREATE VIRTUAL TABLE");
    t.contentless = t.is_virtual && is_contentless(st.text(1));
    const std::pair<std::string, bool>* owner = nullptr;
    for (const auto& v : virtual_tables)
      if (t.name.starts_with(v.first + "_")) owner = &v;
    if (owner && !owner->second) continue;
    t.shadow = owner != nullptr;
    if (t.is_virtual) virtual_tables.emplace_back(t.name, t.contentless);
    tables.push_back(std::move(t));
  }
  for (auto& t : tables) {
    auto cols = c.prepared("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    cols.bind(1, t.name);
    while (cols.step()) t.columns.push_back(cols.text(0));
  }
  return tables;
}

std::vector<std::string> table_rows(storage::Connection& c, const TableShape& table) {
  if (table.contentless) return {};  // its shadow tables hold it
  // Identifiers come from sqlite_master, never from input; values leave as quote() literals.
  std::string select = "SELECT ";
  if (table.is_virtual) select += "quote(rowid) || ',' || ";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i > 0) select += " || ',' || ";
    select += "quote(\"" + table.columns[i] + "\")";
  }
  select += " FROM \"" + table.name + "\"";
  bool has_rowid = true;
  {
    auto probe = c.prepared("SELECT sql FROM sqlite_master WHERE name = ?1");
    probe.bind(1, table.name);
    has_rowid = probe.step() && probe.text(0).find("WITHOUT ROWID") == std::string::npos;
  }
  if (has_rowid) select += " ORDER BY rowid";
  std::vector<std::string> rows;
  auto st = c.prepared(select);
  while (st.step()) rows.push_back(st.text(0));
  return rows;
}

void write_sql(storage::Connection& c, std::ostream& out) {
  auto objects = [&](const char* where) {
    auto st = c.prepared(std::string("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ") +
                         where + " ORDER BY rowid");
    std::vector<std::pair<std::string, std::string>> found;
    while (st.step()) found.emplace_back(st.text(0), st.text(1));
    return found;
  };
  out << "BEGIN;\n";
  auto tables = application_tables(c);
  auto table_sql = objects("type = 'table'");
  for (const auto& t : tables)
    for (const auto& [name, sql] : table_sql)
      if (name == t.name && !t.shadow) out << sql << ";\n";  // its virtual table makes a shadow
  for (const auto& t : tables) {
    std::string columns = t.is_virtual ? "rowid" : "";
    for (const auto& col : t.columns) columns += (columns.empty() ? "" : ", ") + col;
    // A shadow table already holds the rows its CREATE VIRTUAL TABLE wrote (its structure and
    // settings): the dumped ones replace them.
    const char* insert = t.shadow ? "INSERT OR REPLACE INTO " : "INSERT INTO ";
    for (const auto& row : table_rows(c, t))
      out << insert << t.name << " (" << columns << ") VALUES (" << row << ");\n";
  }
  // Views too (migration 18's case_scope): a database without them is not what Enlace left.
  for (const auto& [name, sql] : objects("type = 'view'")) out << sql << ";\n";
  for (const auto& [name, sql] : objects("type IN ('index', 'trigger')")) out << sql << ";\n";
  auto version = c.prepared("PRAGMA user_version");
  version.step();
  out << "PRAGMA user_version = " << version.int64(0) << ";\nCOMMIT;\n";
}

}  // namespace enlace::test
