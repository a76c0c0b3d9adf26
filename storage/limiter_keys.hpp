// The digest under which the limits that processes share through the database
// (limiter_failure, rate_bucket: migration 23) store a limiter's key, a name such as
// "pair:ADDRESS USERNAME" or "user:ID", so that the database holds no username or address.
// With a key file it is keyed: HMAC-SHA256 under the blind-index key (FieldCipher::blind,
// derived from the key file, which every process sharing the database reads and the database
// does not hold) of a label and the name; whoever reads the database cannot test candidate
// addresses or names against it. Without a key file it is a plain SHA-256 of the name, which
// can be reversed for an address by trying every address (the rows live minutes; the server
// warns at start that it runs without a key).
#pragma once

#include <string>
#include <string_view>

namespace enlace::storage {

// 64 hex digits, the same in every process that has the same key file.
std::string limiter_key_digest(std::string_view name);

}  // namespace enlace::storage
