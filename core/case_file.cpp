// Validation of a case file and its closing rule.
#include "core/case_file.hpp"

#include <algorithm>

#include "core/field_checks.hpp"

namespace enlace::core {

namespace {

bool is_known(std::span<const std::string> known, const std::string& code) {
  return std::find(known.begin(), known.end(), code) != known.end();
}

std::optional<std::vector<Need>> check_needs(FieldErrors& errors,
                                             const std::optional<std::vector<NeedDraft>>& in,
                                             std::span<const std::string> known) {
  std::vector<Need> out;
  if (!in) return out;
  std::vector<std::string> seen;  // also from rows with other errors, so repeats still show
  bool ok = true;
  for (std::size_t i = 0; i < in->size(); ++i) {
    const NeedDraft& n = (*in)[i];
    const std::string path = indexed("needs", i);
    auto category = check_text(errors, path + ".category", n.category, {.required = true});
    if (category && !is_known(known, *category)) {
      errors.add(path + ".category", "is not a known category");
      category.reset();
    }
    // One need per category: urgency and note belong together, a second row would split them.
    if (category && is_known(seen, *category)) {
      errors.add(path + ".category", "is listed twice");
      category.reset();
    } else if (category) {
      seen.push_back(*category);
    }
    std::optional<Urgency> urgency;
    if (!n.urgency) errors.add(path + ".urgency", "is required");
    else if (!(urgency = parse_urgency(*n.urgency)))
      errors.add(path + ".urgency", "must be emergency, high or normal");
    auto note = check_text(errors, path + ".note", n.note,
                           {.max_chars = kMaxNeedNoteChars, .multiline = true});
    if (!category || !urgency || !note) {
      ok = false;
      continue;
    }
    out.push_back({std::move(*category), *urgency, std::move(*note)});
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

std::string_view to_string(CaseStatus s) { return code_name(kCaseStatusNames, s); }
std::optional<CaseStatus> parse_case_status(std::string_view s) {
  return parse_code(kCaseStatusNames, s);
}

Result<CaseFile> make_case(const CaseDraft& d, std::span<const std::string> known_categories,
                           Date today) {
  FieldErrors errors;
  auto person = check_person(errors, "person", d.person, today);
  auto territory = check_text(errors, "territory_id", d.territory_id, {.required = true});
  auto specific = check_code_list<SpecificNeed>(errors, "specific_needs", d.specific_needs,
                                                parse_specific_need);
  auto needs = check_needs(errors, d.needs, known_categories);
  auto notes =
      check_text(errors, "notes", d.notes, {.max_chars = kMaxCaseNoteChars, .multiline = true});
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return CaseFile{std::move(*person), std::move(*territory), std::move(*specific),
                  std::move(*needs),  std::move(*notes),     CaseStatus::open};
}

Result<std::string> check_close(CaseStatus current, const std::optional<std::string>& reason) {
  // State first: telling someone to type a reason for a case already closed helps nobody.
  if (current == CaseStatus::closed)
    return Error::conflict("case-closed", "The case is already closed.");
  FieldErrors errors;
  auto text = check_text(errors, "reason", reason,
                         {.required = true, .max_chars = kMaxCloseReasonChars, .multiline = true});
  if (!text) return Error::invalid(std::move(errors));
  return std::move(*text);
}

}  // namespace enlace::core
