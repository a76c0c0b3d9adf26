// The cases/referrals demo is added with the referral engine: until then this seeds nothing.
// Replace this body (keep the signature); seed_demo already calls it inside its transaction.
#include "gateway/demo/cases_demo.hpp"

namespace enlace::gateway {

void seed_cases_demo(storage::WriteTxn&, core::Timestamp, const DemoIds&) {}

}  // namespace enlace::gateway
