// A case file: the person, their assessed needs and specific needs, and its open/closed state.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/codes.hpp"
#include "core/person.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

struct NeedDraft {
  std::optional<std::string> category, urgency, note;
  std::optional<std::string> status = std::nullopt;
  std::optional<std::string> id = std::nullopt;  // a need already on the case (PATCH)
};

// As typed in POST /cases; nothing checked yet.
struct CaseDraft {
  PersonDraft person;
  std::optional<std::string> territory_id;
  std::optional<std::vector<std::string>> specific_needs;
  std::optional<std::vector<NeedDraft>> needs;
  std::optional<std::string> notes;
};

// An assessed need: one service category, how urgent, and the caseworker's note.
// Needs are never deleted: one met or withdrawn stays on the case with that status, so demand
// statistics keep counting it and stop counting it as unmet.
enum class NeedStatus { open, met, withdrawn };
inline constexpr CodeName<NeedStatus> kNeedStatusNames[] = {
    {NeedStatus::open, "open"}, {NeedStatus::met, "met"}, {NeedStatus::withdrawn, "withdrawn"}};
std::string_view to_string(NeedStatus s);
std::optional<NeedStatus> parse_need_status(std::string_view s);

struct Need {
  std::string category;
  Urgency urgency = Urgency::normal;
  std::string note;  // may be empty
  NeedStatus status = NeedStatus::open;
  std::string id = {};  // stable; storage gives it when the need is first saved
};

enum class CaseStatus { open, closed };
inline constexpr CodeName<CaseStatus> kCaseStatusNames[] = {{CaseStatus::open, "open"},
                                                            {CaseStatus::closed, "closed"}};
std::string_view to_string(CaseStatus s);
std::optional<CaseStatus> parse_case_status(std::string_view s);

struct CaseFile {
  Person person;
  std::string territory_id;  // that it exists is storage's check
  std::vector<SpecificNeed> specific_needs;
  std::vector<Need> needs;  // at most one per category
  std::string notes;
  CaseStatus status = CaseStatus::open;
};

inline constexpr std::size_t kMaxNeedNoteChars = 2000;
inline constexpr std::size_t kMaxCaseNoteChars = 10000;
inline constexpr std::size_t kMaxCloseReasonChars = 2000;

// Checks the whole form at once. `known_categories` are the category codes in the database.
Result<CaseFile> make_case(const CaseDraft& d, std::span<const std::string> known_categories,
                           Date today);

// PATCH /cases/{id} with `needs` (API.md, Daily work): the array replaces the list. An entry
// with an `id` updates that need (fields it leaves out keep their values; its category cannot
// change); an entry without one is a new need, in a category the case has no need in yet; a
// need left out stays, withdrawn. Returns the drafts to check with make_case: the patch's
// entries at their own positions (make_case's errors then name the client's needs[i]), then
// the needs left out; errors name `needs[i].<field>`.
std::vector<NeedDraft> merge_needs(const std::vector<Need>& current,
                                   const std::vector<NeedDraft>& proposed, FieldErrors& errors);

// Closing needs a reason; a closed case cannot be closed again (conflict "case-closed").
// Returns the trimmed reason to store with the closing time.
Result<std::string> check_close(CaseStatus current, const std::optional<std::string>& reason);

}  // namespace enlace::core
