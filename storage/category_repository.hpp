// Service categories: data, seeded by migration 1; system_admin adds more.
#pragma once

#include "core/directory_records.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <string>
#include <vector>

namespace enlace::storage {

using core::CategoryRecord;  // core/directory_records.hpp

class CategoryRepository {
 public:
  template <class Txn>
  static std::vector<CategoryRecord> list(Txn& tx);  // ordered by code
  template <class Txn>
  static std::vector<std::string> codes(Txn& tx);
  template <class Txn>
  static bool exists(Txn& tx, const std::string& code);
  // A taken code is 422 naming `code`.
  static core::Result<CategoryRecord> insert(WriteTxn& tx, const CategoryRecord& c);
  // Reads the table once: the readiness probe's proof that the database answers.
  static void probe(ReadTxn& tx);
};

}  // namespace enlace::storage
