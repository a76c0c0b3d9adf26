// The process-wide field cipher. Installed once at start (before any storage thread runs) and
// read by every thread afterwards; repositories call field_cipher().seal/open where they bind
// or read an encrypted column.
#pragma once

#include "storage/field_cipher.hpp"

#include <memory>

namespace enlace::storage {

// Replaces the cipher. Ciphers are never freed once installed, so a reader holding the old
// reference stays valid; only `serve` start-up and tests call this.
void install_field_cipher(std::unique_ptr<const FieldCipher> cipher);

// The installed cipher; a keyless one (plaintext) until something is installed.
const FieldCipher& field_cipher();

}  // namespace enlace::storage
