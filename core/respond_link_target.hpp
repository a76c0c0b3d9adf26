// What a live respond link opens: one referral, as its receiving organisation (external: it
// has no accounts). The respond-link use case and its store speak it (core/ports/).
#pragma once

#include <string>

namespace enlace::core {

struct RespondLinkTarget {
  std::string referral_id, organization_id;
};

}  // namespace enlace::core
