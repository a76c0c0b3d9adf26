// "Known elsewhere in the network" (API.md, Daily work): a case create warns when another
// organisation has a case of the same person, without naming the organisation or the case.
// The match is made on keyed hashes only: HMAC-SHA256 under the blind-index key (derived from
// the field key, which is never in the database) over a domain label, the folded full name (as
// for possible_duplicate: case, accents and spacing ignored) and the birth date. Estimated ages
// never match across organisations, and without a field key there is no match at all (there
// would be no key to keep out of the database).
#pragma once

#include "storage/field_cipher.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace enlace::storage {

// The person's match key, or nothing without a field key or a birth date.
std::optional<std::string> person_match_key(const FieldCipher& cipher, std::string_view given_name,
                                            std::string_view family_name,
                                            const std::optional<std::string>& birth_date);

// Replaces the case's row in person_match (none for an empty key).
void write_person_match(WriteTxn& tx, const std::string& case_id,
                        const std::string& organization_id, const std::optional<std::string>& key);

// Whether a case outside the cases `viewer` works (storage/case_scope.hpp) has this key: a
// unit's case its parent works is a possible duplicate there, not "elsewhere".
bool known_elsewhere(WriteTxn& tx, const std::string& viewer, const std::string& key);

// Gives every case that lacks one its row (at start with a key: cases registered before the
// table existed, or before the key was configured). Returns how many were written.
int fill_person_matches(WriteTxn& tx, const FieldCipher& cipher);

// The same on the database at `db_path`, in a transaction of its own (serve, at start).
core::Result<int> fill_person_matches(const std::string& db_path, const FieldCipher& cipher);

}  // namespace enlace::storage
