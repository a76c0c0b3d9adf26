// One IMMEDIATE transaction on a fresh connection, committed when fn's result is true and
// rolled back otherwise or when fn throws (command-line use only: the server writes through
// its writer thread).
#pragma once

#include "storage/sql.hpp"
#include "storage/txn.hpp"

#include <string>

namespace enlace::storage {

template <class F>
auto in_write_txn(const std::string& path, F fn) {
  auto c = Connection::open(path, {.read_only = false});
  c.exec("BEGIN IMMEDIATE");
  try {
    WriteTxn tx(c);
    auto r = fn(tx);
    if (r) c.exec("COMMIT");
    else c.exec("ROLLBACK");
    return r;
  } catch (...) {
    c.exec("ROLLBACK");
    throw;
  }
}

// One read snapshot on a fresh read-only connection for every query fn makes; returns fn's result.
template <class F>
auto in_read_txn(const std::string& path, F fn) {
  auto c = Connection::open(path, {.read_only = true});
  c.exec("BEGIN");
  ReadTxn tx(c);
  auto r = fn(tx);
  c.exec("COMMIT");
  return r;
}

}  // namespace enlace::storage
