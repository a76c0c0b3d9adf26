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
struct Need {
  std::string category;
  Urgency urgency = Urgency::normal;
  std::string note;  // may be empty
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

// Closing needs a reason; a closed case cannot be closed again (conflict "case-closed").
// Returns the trimmed reason to store with the closing time.
Result<std::string> check_close(CaseStatus current, const std::optional<std::string>& reason);

}  // namespace enlace::core
