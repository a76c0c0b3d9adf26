// Name search and duplicate look-ups over sealed names (docs/SECURITY.md, "Blind indexes").
// Without a key, case_file.name_key holds the folded full name and FTS5 (case_name_search)
// serves `q`, as before. With a key, names are sealed and SQL sees only keyed hashes: an
// HMAC-SHA256 under a key derived from the field key (FieldCipher::blind), over the case's
// organisation and the folded text, so equal names in two organisations do not match.
#pragma once

#include "storage/field_cipher.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::storage {

// case_file.name_key of a person: core::duplicate_key without a key; with one "blind1:" and
// 32 hex digits of the keyed hash of that folded full name. The duplicate warning looks
// candidates up by equality on it, then applies core::is_possible_duplicate to the opened rows.
std::string name_key_of(const FieldCipher& cipher, std::string_view organization_id,
                        std::string_view given_name, std::string_view family_name);

// The case_name_token rows of a person (with a key): the keyed hash, truncated to 64 bits, of
// every folded name word and of each of its prefixes of two characters or more.
std::vector<std::int64_t> name_tokens(const FieldCipher& cipher, std::string_view organization_id,
                                      std::string_view given_name, std::string_view family_name);

// The tokens `q` must all match (with a key): each folded word typed, as a prefix. A word of
// one character matches only a one-character name word (an initial). Empty when nothing
// searchable was typed.
std::vector<std::int64_t> query_tokens(const FieldCipher& cipher, std::string_view organization_id,
                                       std::string_view q);

// Replaces the case's rows in case_name_token (none for an empty `tokens`).
void write_name_tokens(WriteTxn& tx, const std::string& case_id,
                       const std::vector<std::int64_t>& tokens);

// case_file.birth_year of a birth date (YYYY-MM-DD): what the gap report reads of it.
std::optional<std::int64_t> birth_year_of(std::string_view date);

// Recomputes every case's name_key, tokens and birth year from its sealed values (`enlace
// rekey`, after the values were sealed under `cipher`). Purged cases keep none.
void reindex_names(WriteTxn& tx, const FieldCipher& cipher);

}  // namespace enlace::storage
