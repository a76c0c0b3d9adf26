// A page of a referral box: see referral_pages.hpp.
#include "core/use_cases/referral_pages.hpp"

namespace enlace::core {

void record_referral_page(AuditTrail& audit, std::vector<std::string> shown) {
  audit.record_listing("referral.list", "referral", std::move(shown));
}

}  // namespace enlace::core
