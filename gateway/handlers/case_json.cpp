// Case and consent JSON: see case_json.hpp.
#include "gateway/handlers/case_json.hpp"

#include "core/field_checks.hpp"
#include "gateway/api_schemas.hpp"

#include <type_traits>

namespace enlace::gateway {

namespace bj = boost::json;

// The request bodies, as FieldReader::only() checks them and the OpenAPI document shows them.
namespace {
constexpr BodyField kPersonFields[] = {
    {"given_name", BodyField::text},       {"family_name", BodyField::text},
    {"birth_date", BodyField::text},       {"estimated_age", BodyField::integer},
    {"sex", BodyField::text},              {"nationality", BodyField::text},
    {"migratory_status", BodyField::text}, {"phone", BodyField::text},
    {"languages", BodyField::texts, false, 20}};
constexpr BodyField kNeedFields[] = {{"category", BodyField::text},
                                     {"urgency", BodyField::text},
                                     {"note", BodyField::text},
                                     {"status", BodyField::text}};
// A PATCH names the needs it keeps or updates by id (API.md, Daily work).
constexpr BodyField kNeedPatchFields[] = {{"id", BodyField::text, false, 100},
                                          {"category", BodyField::text},
                                          {"urgency", BodyField::text},
                                          {"note", BodyField::text},
                                          {"status", BodyField::text}};
constexpr BodyField kCaseFields[] = {
    {"person", BodyField::object, true, 0, false, {}, kPersonFields},
    {"territory_id", BodyField::text, true},  // core/case_file.cpp requires it on create
    {"specific_needs", BodyField::texts, false, 20},
    {"needs", BodyField::objects, false, 50, false, {}, kNeedFields},
    {"notes", BodyField::text, false, 100000}};
constexpr BodyField kCasePatchFields[] = {
    {"person", BodyField::object, false, 0, false, {}, kPersonFields},
    {"territory_id", BodyField::text},
    {"specific_needs", BodyField::texts, false, 20},
    {"needs", BodyField::objects, false, 50, false, {}, kNeedPatchFields},
    {"notes", BodyField::text, false, 100000}};
constexpr BodyField kConsentFields[] = {{"method", BodyField::text},
                                        {"categories", BodyField::texts, true, 50},
                                        {"organizations", BodyField::texts, true, 50},
                                        {"expires_at", BodyField::text, false, 64}};
}  // namespace

const BodyFields case_fields{kCaseFields};
const BodyFields case_patch_fields{kCasePatchFields};
const BodyFields consent_fields{kConsentFields};

namespace {

// Person: core::PersonDraft (create) or core::PersonPatch (PATCH: what was sent, as sent).
template <class Person>
void read_person(const bj::object& o, Person& p, core::FieldErrors& errors) {
  FieldReader f(o, "person", errors);
  f.only(kPersonFields);
  if (f.has("given_name")) p.given_name = f.string("given_name");
  if (f.has("family_name")) p.family_name = f.string("family_name");
  if (f.has("birth_date")) p.birth_date = f.string("birth_date");
  if (f.has("estimated_age")) p.estimated_age = f.integer("estimated_age");
  if (f.has("sex")) p.sex = f.string("sex");
  if (f.has("nationality")) p.nationality = f.string("nationality");
  if (f.has("migratory_status")) p.migratory_status = f.string("migratory_status");
  if (f.has("phone")) p.phone = f.string("phone");
  if (f.has("languages")) p.languages = f.strings("languages", false, 20);
}

// `with_ids`: a PATCH names the needs it updates by id; a new case has none yet.
std::optional<std::vector<core::NeedDraft>> read_needs(FieldReader& f, core::FieldErrors& errors,
                                                       bool with_ids) {
  const bj::array* a = f.array("needs");
  if (!a) return std::nullopt;
  std::vector<core::NeedDraft> out;
  if (a->size() > 50) {
    f.error("needs", "has too many items (at most 50)");
    return out;
  }
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string path = core::indexed("needs", i);
    if (!(*a)[i].is_object()) {
      errors.add(path, "must be an object");
      continue;
    }
    FieldReader n((*a)[i].as_object(), path, errors);
    n.only(with_ids ? BodyFields(kNeedPatchFields) : BodyFields(kNeedFields));
    out.push_back({n.string("category"), n.string("urgency"), n.string("note"),
                   n.string("status"), with_ids ? n.string("id", false, 100) : std::nullopt});
  }
  return out;
}

// Draft: core::CaseDraft (create) or core::CasePatch (PATCH: its needs name the needs they
// change by id, API.md, Daily work; merging them is the use case's, after the case is found).
template <class Draft>
void read_case_fields(FieldReader& f, Draft& d, core::FieldErrors& errors) {
  constexpr bool patch = std::is_same_v<Draft, core::CasePatch>;
  if (f.has("territory_id")) d.territory_id = f.string("territory_id");
  if (f.has("specific_needs")) d.specific_needs = f.strings("specific_needs", false, 20);
  if (f.has("needs")) d.needs = read_needs(f, errors, patch);
  // merge_needs' errors (core::patched_draft) come here, in the body's order.
  if constexpr (patch) d.needs_errors_at = errors.items().size();
  if (f.has("notes")) d.notes = f.string("notes", false, 100000);
}

bj::value opt_time(const std::optional<core::Timestamp>& t) {
  if (t) return bj::value(core::format_timestamp(*t));
  return nullptr;
}

}  // namespace

core::CaseDraft read_case_draft(const bj::object& body, core::FieldErrors& errors) {
  core::CaseDraft d;
  FieldReader f(body, "", errors);
  f.only(case_fields);
  if (const bj::object* p = f.object("person", true)) read_person(*p, d.person, errors);
  read_case_fields(f, d, errors);
  return d;
}

core::CasePatch read_case_patch(const bj::object& body) {
  core::CasePatch d;
  FieldReader f(body, "", d.errors);
  f.only(case_patch_fields);
  if (const bj::object* po = f.object("person")) {
    // A new birth date replaces an estimate and the other way round (core::PersonPatch).
    d.person.touches_age = po->contains("birth_date") || po->contains("estimated_age");
    read_person(*po, d.person, d.errors);
  }
  read_case_fields(f, d, d.errors);
  return d;
}

core::ConsentDraft read_consent_draft(const bj::object& body, core::FieldErrors& errors) {
  FieldReader f(body, "", errors);
  f.only(consent_fields);
  core::ConsentDraft d;
  d.method = f.string("method");
  d.categories = f.strings("categories", true, 50);
  d.organizations = f.strings("organizations", true, 50);
  d.expires_at = f.string("expires_at", false, 64);
  return d;
}

bj::object consent_json(const core::Consent& c, core::Timestamp now) {
  bj::array categories, organizations;
  for (const auto& s : c.categories) categories.push_back(bj::value(s));
  for (const auto& s : c.organizations) organizations.push_back(bj::value(s));
  return {{"id", c.id},
          {"method", core::to_string(c.method)},
          {"categories", std::move(categories)},
          {"organizations", std::move(organizations)},
          {"recorded_at", core::format_timestamp(c.given_at)},
          {"expires_at", core::format_timestamp(c.expires_at)},
          {"withdrawn_at", opt_time(c.withdrawn_at)},
          {"active", core::is_active(c, now)}};
}

bj::object case_json(const core::CaseRecord& r, core::Timestamp now) {
  const auto& f = r.file;
  const auto& p = f.person;
  // A purged case keeps its id and codes; its names read as null, not as empty strings.
  const bool purged = r.purged_at.has_value();
  bj::array languages, specific, needs, household, consents;
  for (const auto& l : p.languages) languages.push_back(bj::value(l.str()));
  for (auto s : f.specific_needs) specific.push_back(bj::value(core::to_string(s)));
  for (const auto& n : f.needs)
    needs.push_back({{"id", n.id},
                     {"category", n.category},
                     {"urgency", core::to_string(n.urgency)},
                     {"note", n.note},
                     {"status", core::to_string(n.status)}});
  for (const auto& h : r.household)
    household.push_back({{"case_id", h.case_id}, {"relation", h.relation}});
  for (const auto& c : r.consents) consents.push_back(consent_json(c, now));
  bj::object person{
      {"given_name", purged ? bj::value(nullptr) : bj::value(p.given_name)},
      {"family_name", purged ? bj::value(nullptr) : bj::value(p.family_name)},
      {"birth_date", p.age.birth_date ? bj::value(core::format_date(*p.age.birth_date))
                                      : bj::value(nullptr)},
      {"estimated_age", p.age.estimated_age ? bj::value(*p.age.estimated_age) : bj::value(nullptr)},
      {"sex", core::to_string(p.sex)},
      {"nationality", p.nationality.str()},
      {"languages", std::move(languages)},
      {"migratory_status", core::to_string(p.migratory_status)},
      {"phone", p.phone.empty() ? bj::value(nullptr) : bj::value(p.phone)}};
  if (p.age.estimated_age) person["estimated_on"] = core::format_date(p.age.estimated_on);
  return {{"id", r.id},
          {"organization_id", r.organization_id},
          {"territory_id", f.territory_id},
          {"status", core::to_string(f.status)},
          {"person", std::move(person)},
          {"specific_needs", std::move(specific)},
          {"needs", std::move(needs)},
          {"notes", f.notes},
          {"household", std::move(household)},
          {"consents", std::move(consents)},
          {"created_at", core::format_timestamp(r.created_at)},
          {"updated_at", core::format_timestamp(r.updated_at)},
          {"closed_at", opt_time(r.closed_at)},
          {"purged_at", opt_time(r.purged_at)},
          {"version", r.version}};
}

}  // namespace enlace::gateway

namespace enlace::gateway {

namespace s = schema;

bj::value consent_schema() {
  return s::object({{"id", s::text()},
                    {"method", s::text()},
                    {"categories", s::array(s::text())},
                    {"organizations", s::array(s::text())},
                    {"recorded_at", s::date_time()},
                    {"expires_at", s::date_time()},
                    {"withdrawn_at", s::nullable(s::date_time())},
                    {"active", s::boolean()}});
}

bj::value case_schema() {
  auto person = s::object({{"given_name", s::nullable(s::text())},
                           {"family_name", s::nullable(s::text())},
                           {"birth_date", s::nullable(s::date())},
                           {"estimated_age", s::nullable(s::integer())},
                           {"estimated_on", s::date(), false},
                           {"sex", s::text()},
                           {"nationality", s::text()},
                           {"languages", s::array(s::text())},
                           {"migratory_status", s::text()},
                           {"phone", s::nullable(s::text())}});
  auto need = s::object({{"id", s::text()},
                         {"category", s::text()},
                         {"urgency", s::text()},
                         {"note", s::text()},
                         {"status", s::text()}});
  // possible_duplicate names the case; known_elsewhere names nothing (docs/SECURITY.md).
  auto warning = s::object({{"code", s::words({"possible_duplicate", "known_elsewhere"})},
                            {"case_id", s::text(), false}});
  return s::object({{"id", s::text()},
                    {"organization_id", s::text()},
                    {"territory_id", s::nullable(s::text())},
                    {"status", s::words({"open", "closed"})},
                    {"person", std::move(person)},
                    {"specific_needs", s::array(s::text())},
                    {"needs", s::array(std::move(need))},
                    {"notes", s::text()},
                    {"household", s::array(s::object({{"case_id", s::text()}, {"relation", s::text()}}))},
                    {"consents", s::array(s::ref("Consent"))},
                    {"created_at", s::date_time()},
                    {"updated_at", s::date_time()},
                    {"closed_at", s::nullable(s::date_time())},
                    {"purged_at", s::nullable(s::date_time())},
                    {"version", s::integer()},
                    // Only on create: possible duplicates of the person in the organisation.
                    {"warnings", s::array(std::move(warning)), false}});
}

}  // namespace enlace::gateway
