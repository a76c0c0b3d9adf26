// The stored snapshot: see snapshot_text.hpp. Keys in API order, set fields only.
#include "storage/snapshot_text.hpp"

#include "storage/json_text.hpp"

namespace enlace::storage {

namespace {

// "key":value, with the comma before every member but the first.
void member(std::string& out, std::string_view key, const std::string& json_value) {
  if (out.size() > 1) out += ',';
  out += json_quote(key);
  out += ':';
  out += json_value;
}

template <class Items, class Text>
std::string array_of(const Items& items, Text text) {
  std::string out = "[";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += text(item);
  }
  return out + "]";
}

}  // namespace

std::string snapshot_text(const core::SharedSnapshot& s) {
  std::string o = "{";
  member(o, "fields", array_of(s.fields, [](core::SharedField f) {
           return json_quote(core::to_string(f));
         }));
  if (s.given_name) member(o, "given_name", json_quote(*s.given_name));
  if (s.family_name) member(o, "family_name", json_quote(*s.family_name));
  if (s.birth_date) member(o, "birth_date", json_quote(core::format_date(*s.birth_date)));
  if (s.estimated_age) member(o, "estimated_age", std::to_string(*s.estimated_age));
  if (s.sex) member(o, "sex", json_quote(core::to_string(*s.sex)));
  if (s.nationality) member(o, "nationality", json_quote(s.nationality->str()));
  if (s.languages)
    member(o, "languages", array_of(*s.languages, [](const core::LanguageCode& l) {
             return json_quote(l.str());
           }));
  if (s.phone) member(o, "phone", json_quote(*s.phone));
  if (s.needs)
    member(o, "needs", array_of(*s.needs, [](const core::Need& n) {
             return "{\"category\":" + json_quote(n.category) +
                    ",\"urgency\":" + json_quote(core::to_string(n.urgency)) +
                    ",\"note\":" + json_quote(n.note) + "}";
           }));
  if (s.specific_needs)
    member(o, "specific_needs", array_of(*s.specific_needs, [](core::SpecificNeed n) {
             return json_quote(core::to_string(n));
           }));
  return o + "}";
}

}  // namespace enlace::storage
