// The db_write job that runs `use_case(store)` on one port, `store` a `Store` over the job's
// transaction: for the writes that audit nothing (a session's use, a rate bucket). Those
// that audit go through port_jobs.hpp.
#pragma once

#include "storage/txn.hpp"

#include <utility>

namespace enlace::gateway {

template <class Store, class UseCase>
auto write_on_port(UseCase use_case) {
  return [use_case = std::move(use_case)](storage::WriteTxn& tx) {
    Store store(tx);
    return use_case(store);
  };
}

}  // namespace enlace::gateway
