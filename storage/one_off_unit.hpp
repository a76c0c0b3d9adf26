// A command's own unit of work (core/ports/units_of_work.hpp) over one_off_txn.hpp's
// transactions: a write unit committed when fn's result is true (rolled back otherwise or when
// fn throws), a read unit over one snapshot. Throws DbError when the database fails. Command-line
// use only: the server's units come from its writer and read pool (Database).
#pragma once

#include "storage/one_off_txn.hpp"
#include "storage/sql_units.hpp"

#include <string>

namespace enlace::storage {

template <class F>
auto in_write_unit(const std::string& path, F fn) {
  return in_write_txn(path, [&fn](WriteTxn& tx) {
    SqlWriteUnit unit(tx);
    return fn(static_cast<core::WriteUnit&>(unit));
  });
}

template <class F>
auto in_read_unit(const std::string& path, F fn) {
  return in_read_txn(path, [&fn](ReadTxn& tx) {
    SqlReadUnit unit(tx);
    return fn(static_cast<core::ReadUnit&>(unit));
  });
}

}  // namespace enlace::storage
