// The cases and referrals of the demo network (seeded after the directory, same transaction).
#pragma once

#include "core/time.hpp"
#include "gateway/demo/demo_ids.hpp"
#include "storage/txn.hpp"

namespace enlace::gateway {

void seed_cases_demo(storage::WriteTxn& tx, core::Timestamp now, const DemoIds& ids);

}  // namespace enlace::gateway
