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
    auto status = n.status ? parse_need_status(*n.status) : std::optional{NeedStatus::open};
    if (!status) errors.add(path + ".status", "must be open, met or withdrawn");
    if (!category || !urgency || !note || !status) {
      ok = false;
      continue;
    }
    out.push_back({std::move(*category), *urgency, std::move(*note), *status, n.id.value_or("")});
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

std::string_view to_string(NeedStatus s) { return code_name(kNeedStatusNames, s); }
std::optional<NeedStatus> parse_need_status(std::string_view s) {
  return parse_code(kNeedStatusNames, s);
}

std::vector<NeedDraft> merge_needs(const std::vector<Need>& current,
                                   const std::vector<NeedDraft>& proposed, FieldErrors& errors) {
  auto draft_of = [](const Need& n) {
    return NeedDraft{n.category, std::string(to_string(n.urgency)), n.note,
                     std::string(to_string(n.status)), n.id};
  };
  // The patch's entries keep their positions (so that make_case's errors name the client's
  // needs[i]); the needs it leaves out follow, withdrawn.
  std::vector<NeedDraft> out;
  out.reserve(proposed.size() + current.size());
  std::vector<bool> named(current.size(), false);
  for (std::size_t i = 0; i < proposed.size(); ++i) {
    const NeedDraft& p = proposed[i];
    const std::string path = indexed("needs", i);
    if (p.id) {
      auto at = std::find_if(current.begin(), current.end(),
                             [&](const Need& n) { return n.id == *p.id; });
      if (at == current.end()) {
        errors.add(path + ".id", "is not a need of this case");
        continue;
      }
      const auto k = static_cast<std::size_t>(at - current.begin());
      if (named[k]) {
        errors.add(path + ".id", "is listed twice");
        continue;
      }
      named[k] = true;
      if (p.category && *p.category != at->category) {
        errors.add(path + ".category", "cannot change: withdraw this need and add a new one");
        continue;
      }
      NeedDraft d = draft_of(*at);
      if (p.urgency) d.urgency = p.urgency;
      if (p.note) d.note = p.note;
      if (p.status) d.status = p.status;
      out.push_back(std::move(d));
      continue;
    }
    const bool taken = p.category && std::any_of(current.begin(), current.end(), [&](const Need& n) {
                         return n.category == *p.category;
                       });
    if (taken) {
      errors.add(path + ".category",
                 "already has a need on this case: change that one (by its id) instead");
      continue;
    }
    out.push_back(p);
  }
  for (std::size_t k = 0; k < current.size(); ++k) {
    if (named[k]) continue;
    NeedDraft d = draft_of(current[k]);
    d.status = std::string(to_string(NeedStatus::withdrawn));
    out.push_back(std::move(d));
  }
  return out;
}

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
