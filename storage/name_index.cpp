// Keyed blind indexes of names: see name_index.hpp.
#include "storage/name_index.hpp"

#include "core/hex.hpp"
#include "storage/person_match.hpp"

#include "core/duplicate_match.hpp"
#include "core/text_fold.hpp"

#include <algorithm>
#include <cstring>

namespace enlace::storage {

namespace {

// Domain separation: a name key and a word token of the same text never collide, and the
// organisation cannot run into the text.
std::string blind_input(std::string_view kind, std::string_view org, std::string_view text) {
  std::string in(kind);
  in += '\0';
  in += org;
  in += '\0';
  in += text;
  return in;
}

std::int64_t token_of(const FieldCipher& cipher, std::string_view org, std::string_view text) {
  // 64 bits: collisions among the few million tokens of a deployment are negligible, and a
  // shorter hash would only add false matches to every search.
  auto mac = cipher.blind(blind_input("word", org, text));
  std::int64_t token = 0;
  std::memcpy(&token, mac.data(), sizeof token);
  return token;
}

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

std::string name_key_of(const FieldCipher& cipher, std::string_view organization_id,
                        std::string_view given_name, std::string_view family_name) {
  std::string folded = core::duplicate_key(given_name, family_name);
  if (!cipher.enabled()) return folded;
  auto mac = cipher.blind(blind_input("name", organization_id, folded));
  return "blind1:" + core::to_hex(std::string_view(mac).substr(0, 16));
}

std::vector<std::int64_t> name_tokens(const FieldCipher& cipher, std::string_view organization_id,
                                      std::string_view given_name, std::string_view family_name) {
  std::vector<std::int64_t> tokens;
  if (!cipher.enabled()) return tokens;
  for (const auto& word : core::search_words(core::duplicate_key(given_name, family_name))) {
    // Every prefix that ends on a character boundary, from the second character on; the
    // whole word even when it has one character.
    int chars = 0;
    for (std::size_t end = 1; end <= word.size(); ++end) {
      if (end < word.size() && !starts_code_point(word[end])) continue;
      ++chars;
      if (chars >= 2 || end == word.size())
        tokens.push_back(token_of(cipher, organization_id, std::string_view(word).substr(0, end)));
    }
  }
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return tokens;
}

std::vector<std::int64_t> query_tokens(const FieldCipher& cipher, std::string_view organization_id,
                                       std::string_view q) {
  std::vector<std::int64_t> tokens;
  if (!cipher.enabled()) return tokens;
  for (const auto& word : core::search_words(core::fold_for_search(q)))
    tokens.push_back(token_of(cipher, organization_id, word));
  return tokens;
}

void write_name_tokens(WriteTxn& tx, const std::string& case_id,
                       const std::vector<std::int64_t>& tokens) {
  {
    auto st = tx.prepared("DELETE FROM case_name_token WHERE case_id = ?1");
    st.bind(1, case_id);
    st.run();
  }
  for (auto token : tokens) {
    auto st = tx.prepared(
        "INSERT INTO case_name_token (token, case_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
    st.bind(1, token);
    st.bind(2, case_id);
    st.run();
  }
}

std::optional<std::int64_t> birth_year_of(std::string_view date) {
  if (date.size() < 4) return std::nullopt;
  std::int64_t year = 0;
  for (char c : date.substr(0, 4)) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  return year;
}

void reindex_names(WriteTxn& tx, const FieldCipher& cipher) {
  struct Row {
    std::string id, org;
    std::optional<std::string> given, family, birth;
  };
  std::vector<Row> rows;
  {
    auto st = tx.prepared(
        "SELECT id, organization_id, given_name, family_name, birth_date FROM case_file"
        " WHERE purged_at IS NULL");
    while (st.step())
      rows.push_back({st.text(0), st.text(1), st.opt_text(2), st.opt_text(3), st.opt_text(4)});
  }
  tx.prepared("DELETE FROM case_name_token").run();
  tx.prepared("DELETE FROM person_match").run();
  for (const auto& r : rows) {
    auto given = cipher.open("case_file.given_name", r.given).value_or("");
    auto family = cipher.open("case_file.family_name", r.family).value_or("");
    auto birth = cipher.open("case_file.birth_date", r.birth);
    auto st = tx.prepared("UPDATE case_file SET name_key = ?2, birth_year = ?3 WHERE id = ?1");
    st.bind(1, r.id);
    st.bind(2, name_key_of(cipher, r.org, given, family));
    st.bind(3, birth ? birth_year_of(*birth) : std::nullopt);
    st.run();
    write_name_tokens(tx, r.id, name_tokens(cipher, r.org, given, family));
  }
  // Person matches are keyed hashes too: made anew under the new key.
  fill_person_matches(tx, cipher);
}

}  // namespace enlace::storage
