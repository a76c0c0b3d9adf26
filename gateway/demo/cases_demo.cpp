// The demo network's cases: returning overseas workers and their families in Legazpi;
// Venezuelan and Colombian families, unaccompanied adolescents and survivors in Pichincha.
// Each gets a consent and referrals that end in every state, with message threads. Written
// through the use cases so the demo obeys the same rules as real data.
#include "gateway/demo/cases_demo.hpp"

#include "core/case_file.hpp"
#include "core/consent.hpp"
#include "core/referral_lifecycle.hpp"
#include "core/use_cases/case_consents.hpp"
#include "core/use_cases/create_referral.hpp"
#include "core/use_cases/referral_messages.hpp"
#include "core/use_cases/register_case.hpp"
#include "core/use_cases/transition_referral.hpp"
#include "gateway/command_ports.hpp"
#include "gateway/random.hpp"

#include <stdexcept>
#include <vector>

namespace enlace::gateway {

namespace {

using std::chrono::hours;

struct DemoPerson {
  const char* given;
  const char* family;
  const char* birth_date;  // or nullptr with an estimated age
  int estimated_age;
  const char* sex;
  const char* nationality;
  std::vector<std::string> languages;
  const char* migratory_status;
  std::vector<std::string> specific_needs;
  const char* need;  // the category referred
  const char* urgency;
  const char* note;
};

// A referral's path after it is sent: each step is (to, reason_code or outcome_code).
struct Step {
  const char* to;
  const char* code;
};

struct DemoReferral {
  const char* receiver_org;  // DemoIds key
  const char* service;       // DemoIds key
  const char* receiver_user;  // who acts for the receiver (a DemoIds user), may be null
  std::vector<Step> steps;
  std::vector<std::pair<bool, const char*>> messages;  // (from sender?, text)
};

// Each step is the use case the API runs for it, as the demo's staff at the demo's time (the
// use cases take "now" as a parameter: the network looks lived in without bypassing them),
// each leaving the audit event the API's step leaves.
struct Seeder {
  CommandPorts& ports;
  const DemoIds& ids;

  static void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("demo cases: ") + what);
  }
  template <class T>
  static T must(core::Result<T> r, const char* what) {
    if (!r) {
      std::string why = r.error().detail;
      for (const auto& f : r.error().fields.items()) why += " " + f.field + " " + f.message + ";";
      throw std::runtime_error(std::string("demo cases: ") + what + ": " + why);
    }
    return std::move(*r);
  }
  template <class T>
  static T must(core::Result<core::Refusable<T>> r, const char* what) {
    auto done = must<core::Refusable<T>>(std::move(r), what);
    if (done.refused) return must(core::Result<T>(std::move(*done.refused)), what);
    return std::move(*done.value);
  }

  core::Actor actor(const char* username, const char* org_key, core::Role role) const {
    core::Actor a;
    a.user_id = ids.users.at(username);
    a.organization_id = ids.organizations.at(org_key);
    a.roles = {role};
    return a;
  }

  // The audit context of `a` acting at `at`, as a request of theirs would record it.
  static core::AuditContext as(const core::Actor& a, core::Timestamp at) {
    core::AuditContext c;
    c.actor_user = a.user_id;
    c.organization = a.organization_id;
    c.role = std::string(core::to_string(a.roles.front()));
    c.address = "local";
    c.at = at;
    return c;
  }

  std::string add_case(const core::Actor& cw, const char* territory, const DemoPerson& p,
                       core::Timestamp at) {
    core::CaseDraft d;
    d.person.given_name = p.given;
    d.person.family_name = p.family;
    if (p.birth_date) d.person.birth_date = p.birth_date;
    else d.person.estimated_age = p.estimated_age;
    d.person.sex = p.sex;
    d.person.nationality = p.nationality;
    d.person.languages = p.languages;
    d.person.migratory_status = p.migratory_status;
    d.territory_id = ids.territories.at(territory);
    d.specific_needs = p.specific_needs;
    d.needs = std::vector<core::NeedDraft>{{p.need, p.urgency, p.note}};
    std::string id = new_id(at);
    must(core::register_case(ports.cases(as(cw, at)), cw, d, id, at), "case");
    return id;
  }

  void add_consent(const core::Actor& cw, const std::string& case_id, const char* category,
                   const std::string& org_id, core::Timestamp at) {
    core::ConsentDraft d;
    d.method = "written";
    d.categories = std::vector<std::string>{category};
    d.organizations = std::vector<std::string>{org_id};
    must(core::record_consent(ports.cases(as(cw, at)), cw, case_id, new_id(at), d, at),
         "consent");
  }

  void refer(const core::Actor& cw, const std::string& case_id, const DemoPerson& p,
             const DemoReferral& r, bool draft, core::Timestamp at) {
    core::ReferralDraft d;
    d.case_id = case_id;
    d.to_organization_id = ids.organizations.at(r.receiver_org);
    d.service_id = ids.services.at(r.service);
    d.category = p.need;
    d.urgency = p.urgency;
    d.reason = std::string("Assessed need: ") + p.note;
    d.shared_fields =
        std::vector<std::string>{"given_name", "family_name", "sex", "languages", "needs"};
    d.status = draft ? "draft" : "requested";
    // Sent at once, through the one send workflow (lawful basis, snapshot, deadline).
    auto created =
        must(core::create_referral(ports.referrals(as(cw, at)), cw, d, new_id(at), at), "referral");
    core::ReferralRecord current = std::move(created.saved.referral);
    core::Timestamp t = at;
    for (const auto& step : r.steps) {
      t += hours(6);
      auto to = core::parse_status(step.to);
      check(to.has_value(), "step state");
      const bool by_sender = *to == core::Status::cancelled;
      core::Actor who = by_sender || !r.receiver_user
                            ? cw
                            : actor(r.receiver_user, r.receiver_org, core::Role::partner);
      core::TransitionInputDraft in;
      if (*to == core::Status::rejected) in.reason_code = step.code;
      if (*to == core::Status::completed) in.outcome_code = step.code;
      if (*to == core::Status::cancelled || *to == core::Status::failed) in.reason = step.code;
      core::TransitionRequest move;
      move.referral_id = current.id;
      move.version = current.version;
      move.to = *to;
      move.input = must(core::make_transition_input(in), "step input");
      current = must(core::transition_referral(ports.referrals(as(who, t)), who, move, t), "step")
                    .referral;
    }
    for (const auto& [from_sender, text] : r.messages) {
      t += hours(2);
      // A draft is the sender's alone: its receiver cannot see it, let alone answer in it.
      if (!from_sender && current.status == core::Status::draft) continue;
      core::Actor who = from_sender || !r.receiver_user
                            ? cw
                            : actor(r.receiver_user, r.receiver_org, core::Role::partner);
      must(core::post_referral_message(ports.referrals(as(who, t)), who, current.id, new_id(t),
                                       text, t),
           "message");
    }
  }
};

const std::vector<DemoPerson> kLegazpi = {
    {"Maricel", "Dela Cruz", "1986-03-14", 0, "female", "PH", {"tl", "en"}, "returnee", {"survivor_of_violence"}, "shelter", "emergency", "returned from Riyadh after abuse by employer; needs a safe bed"},
    {"Rodel", "Bautista", "1979-11-02", 0, "male", "PH", {"tl"}, "returnee", {}, "employment", "normal", "former seafarer, wants livelihood support"},
    {"Jocelyn", "Reyes", "1990-07-21", 0, "female", "PH", {"tl", "en"}, "returnee", {"pregnancy"}, "legal_aid", "high", "unpaid wages and confiscated passport"},
    {"Arnel", "Santos", "1983-01-30", 0, "male", "PH", {"tl"}, "returnee", {"chronic_illness"}, "financial_services", "normal", "remittance debts; wants savings group"},
    {"Liza", "Mendoza", "1995-05-05", 0, "female", "PH", {"tl", "en"}, "returnee", {}, "mental_health", "high", "trauma after detention abroad"},
    {"Nestor", "Villanueva", nullptr, 62, "male", "PH", {"tl"}, "returnee", {"elderly"}, "food", "normal", "household of five, no income since return"},
    {"Grace", "Aquino", "1988-09-09", 0, "female", "PH", {"tl", "en"}, "returnee", {}, "shelter", "high", "evicted; two children aged 4 and 7"},
    {"Ramon", "Castillo", "1975-12-12", 0, "male", "PH", {"tl"}, "returnee", {"disability"}, "employment", "normal", "injured at construction site in Qatar"},
    {"Teresita", "Garcia", "1969-04-18", 0, "female", "PH", {"tl"}, "regular", {}, "financial_services", "normal", "wife of overseas worker; family budgeting"},
    {"Jun", "Flores", "2008-02-14", 0, "male", "PH", {"tl", "en"}, "regular", {"separated_child"}, "mental_health", "high", "child of overseas worker; school refusal"},
    {"Cristina", "Ramos", "1992-06-30", 0, "female", "PH", {"tl", "en"}, "returnee", {"survivor_of_trafficking"}, "legal_aid", "emergency", "recruitment fraud; recruiter still contacting her"},
    {"Edgar", "Navarro", "1981-08-08", 0, "male", "PH", {"tl"}, "returnee", {}, "food", "normal", "stranded returnee waiting for final pay"},
};

const std::vector<DemoPerson> kPichincha = {
    {"Yuleisi", "Pérez", "1994-10-11", 0, "female", "VE", {"es"}, "irregular", {"pregnancy"}, "shelter", "emergency", "arrived on foot from Rumichaca with a toddler"},
    {"José Gregorio", "Rodríguez", "1987-03-03", 0, "male", "VE", {"es"}, "asylum_seeker", {}, "documentation", "high", "needs refugee status application"},
    {"Andrea", "Muñoz", "1999-12-01", 0, "female", "CO", {"es"}, "refugee", {"survivor_of_violence"}, "protection", "emergency", "threatened by armed group; fled Nariño"},
    {"Luis", "Hernández", nullptr, 16, "male", "VE", {"es"}, "in_transit", {"unaccompanied_child"}, "protection", "emergency", "unaccompanied adolescent found at bus terminal"},
    {"Daniela", "Contreras", nullptr, 15, "female", "VE", {"es"}, "irregular", {"unaccompanied_child"}, "shelter", "emergency", "unaccompanied adolescent; sleeping outdoors"},
    {"Carlos", "Gómez", "1985-07-07", 0, "male", "CO", {"es"}, "refugee", {}, "employment", "normal", "electrician; needs skills certification"},
    {"María Fernanda", "Silva", "1991-04-04", 0, "female", "VE", {"es"}, "regular", {}, "employment", "normal", "nurse; job placement"},
    {"Wilmer", "Castro", "1977-09-19", 0, "male", "VE", {"es"}, "irregular", {"chronic_illness"}, "health", "high", "diabetes, out of insulin"},
    {"Yohana", "Ramírez", "1989-02-22", 0, "female", "CO", {"es"}, "asylum_seeker", {"survivor_of_violence"}, "financial_services", "high", "needs cash assistance; three children"},
    {"Génesis", "Marcano", "2001-06-15", 0, "female", "VE", {"es"}, "in_transit", {"survivor_of_trafficking"}, "protection", "emergency", "escaped exploitation in a bar in Ibarra"},
    {"Pedro", "Torres", nullptr, 68, "male", "VE", {"es"}, "irregular", {"elderly"}, "health", "normal", "hypertension; lives with daughter"},
    {"Karina", "López", "1996-08-28", 0, "female", "CO", {"es"}, "refugee", {}, "shelter", "high", "family of four evicted in Quito south"},
    {"Jhonny", "Vargas", "1993-11-11", 0, "male", "VE", {"es"}, "irregular", {}, "documentation", "normal", "lost passport; regularisation advice"},
    {"Rosmary", "Acosta", "1984-01-25", 0, "female", "VE", {"es"}, "asylum_seeker", {"disability"}, "health", "high", "wheelchair user, needs physiotherapy"},
    {"Samuel", "Ortiz", nullptr, 17, "male", "CO", {"es"}, "in_transit", {"separated_child"}, "protection", "high", "separated from mother at the border"},
    {"Luz Marina", "Cárdenas", "1972-05-30", 0, "female", "CO", {"es"}, "refugee", {}, "employment", "normal", "seamstress; self-employment advice"},
};

// Referral paths for Pichincha by need; every state appears.
DemoReferral pichincha_referral(const DemoPerson& p, std::size_t i) {
  const std::string need = p.need;
  DemoReferral r{"casa_acogida", "casa_shelter", "shelter.partner", {}, {}};
  if (need == "documentation") r = {"unhcr_quito", "unhcr_rsd", "unhcr.partner", {}, {}};
  if (need == "protection") r = {"iom_quito", "iom_reunification", "iom.partner", {}, {}};
  if (need == "health") r = {"iom_quito", "iom_health", "iom.partner", {}, {}};
  if (need == "financial_services") r = {"unhcr_quito", "unhcr_cash", "unhcr.partner", {}, {}};
  if (need == "employment") r = {"spe", "spe_placement", "employment.partner", {}, {}};
  static const std::vector<std::vector<Step>> kPaths = {
      {{"received", ""}, {"accepted", ""}, {"in-progress", ""}, {"completed", "service_provided"}},
      {{"received", ""}},
      {{"accepted", ""}, {"in-progress", ""}},
      {{"rejected", "no_capacity"}},
      {{"accepted", ""}, {"in-progress", ""}, {"on-hold", ""}},
      {{"accepted", ""}, {"failed", "The person did not come to three appointments."}},
      {},
      {{"received", ""}, {"cancelled", "The family found a place with relatives."}},
      {{"accepted", ""}, {"completed", "partly_provided"}},
      {{"received", ""}, {"accepted", ""}},
      {{"rejected", "not_eligible"}},
  };
  r.steps = kPaths[i % kPaths.size()];
  if (i % 3 == 0)
    r.messages = {{true, "Buenos días, ¿pueden recibirla hoy? Está con un niño pequeño."},
                  {false, "Sí, tenemos cupo. Que venga antes de las 16:00."},
                  {true, "Perfecto, gracias. Le aviso."}};
  return r;
}

DemoReferral legazpi_referral(const DemoPerson& p, std::size_t i) {
  const std::string need = p.need;
  DemoReferral r{"diocese_sac", "diocese_shelter", nullptr, {}, {}};
  if (need == "food") r = {"diocese_sac", "diocese_food", nullptr, {}, {}};
  if (need == "employment") r = {"legazpi_cmd", "cmd_reintegration", nullptr, {}, {}};
  if (need == "legal_aid") r = {"dmw_region5", "dmw_legal", nullptr, {}, {}};
  if (need == "financial_services") r = {"legazpi_mrsc", "mrsc_financial", nullptr, {}, {}};
  if (need == "mental_health") r = {"legazpi_mrsc", "mrsc_psychosocial", nullptr, {}, {}};
  // No receiving staff accounts in Legazpi's demo yet: these wait for an answer (some overdue)
  // or were withdrawn by the help desk.
  if (i % 4 == 3) r.steps = {{"cancelled", "She found work and moved to Manila."}};
  if (i % 3 == 0)
    r.messages = {{true, "Good morning, following up on this referral. She can come any day this week."}};
  return r;
}

}  // namespace

void seed_cases_demo(CommandPorts& ports, core::Timestamp now, const DemoIds& ids) {
  Seeder s{ports, ids};
  const auto legazpi = s.actor("legazpi.caseworker", "legazpi_help_desk", core::Role::caseworker);
  const auto pichincha = s.actor("pichincha.caseworker", "pichincha_hmo", core::Role::caseworker);
  // Spread over the last weeks so that lists, deadlines and the gap report look lived in.
  for (std::size_t i = 0; i < kLegazpi.size(); ++i) {
    const auto& p = kLegazpi[i];
    core::Timestamp at = now - hours(24 * static_cast<int>(20 - i));
    auto r = legazpi_referral(p, i);
    auto id = s.add_case(legazpi, "legazpi", p, at);
    s.add_consent(legazpi, id, p.need, ids.organizations.at(r.receiver_org), at);
    s.refer(legazpi, id, p, r, /*draft=*/i == 5, at + hours(1));
  }
  for (std::size_t i = 0; i < kPichincha.size(); ++i) {
    const auto& p = kPichincha[i];
    core::Timestamp at = now - hours(24 * static_cast<int>(18 - i));
    auto r = pichincha_referral(p, i);
    auto id = s.add_case(pichincha, "quito", p, at);
    s.add_consent(pichincha, id, p.need, ids.organizations.at(r.receiver_org), at);
    s.refer(pichincha, id, p, r, /*draft=*/i == 6, at + hours(1));
  }
}

}  // namespace enlace::gateway
