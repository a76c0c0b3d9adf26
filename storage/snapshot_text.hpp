// The frozen snapshot as the referral row keeps it (referral.snapshot, sealed): a JSON object
// of the chosen fields only, which the gateway reads back as it is (referral_json). Written
// here, where the row is, so that sending a referral needs no JSON library on the writer.
#pragma once

#include "core/shared_snapshot.hpp"

#include <string>

namespace enlace::storage {

std::string snapshot_text(const core::SharedSnapshot& s);

}  // namespace enlace::storage
