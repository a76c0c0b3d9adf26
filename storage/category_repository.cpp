// Categories in SQLite: see category_repository.hpp.
#include "storage/category_repository.hpp"

namespace enlace::storage {

template <class Txn>
std::vector<CategoryRecord> CategoryRepository::list(Txn& tx) {
  auto st = tx.prepared("SELECT code, name, created_at FROM category ORDER BY code");
  std::vector<CategoryRecord> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), core::from_millis(st.int64(2))});
  return out;
}

template <class Txn>
std::vector<std::string> CategoryRepository::codes(Txn& tx) {
  std::vector<std::string> out;
  for (auto& c : list(tx)) out.push_back(std::move(c.code));
  return out;
}

template <class Txn>
bool CategoryRepository::exists(Txn& tx, const std::string& code) {
  auto st = tx.prepared("SELECT 1 FROM category WHERE code = ?1");
  st.bind(1, code);
  return st.step();
}

template std::vector<CategoryRecord> CategoryRepository::list(ReadTxn&);
template std::vector<CategoryRecord> CategoryRepository::list(WriteTxn&);
template std::vector<std::string> CategoryRepository::codes(ReadTxn&);
template std::vector<std::string> CategoryRepository::codes(WriteTxn&);
template bool CategoryRepository::exists(ReadTxn&, const std::string&);
template bool CategoryRepository::exists(WriteTxn&, const std::string&);

core::Result<CategoryRecord> CategoryRepository::insert(WriteTxn& tx, const CategoryRecord& c) {
  if (exists(tx, c.code)) return core::Error::invalid_field("code", "is already used");
  auto st = tx.prepared("INSERT INTO category (code, name, created_at) VALUES (?1, ?2, ?3)");
  st.bind(1, c.code);
  st.bind(2, c.name);
  st.bind(3, core::to_millis(c.created_at));
  st.run();
  return c;
}

void CategoryRepository::probe(ReadTxn& tx) {
  auto st = tx.prepared("SELECT count(*) FROM category");
  st.step();
}

}  // namespace enlace::storage
