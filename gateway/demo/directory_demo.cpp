// The demo network's directory (see directory_demo.hpp). Everything goes through the same use
// cases as the API, so the demo never holds data the API would refuse.
#include "gateway/demo/directory_demo.hpp"

#include "core/role.hpp"
#include "core/use_cases/accounts.hpp"
#include "core/use_cases/organizations.hpp"
#include "core/use_cases/service_listings.hpp"
#include "core/use_cases/territories.hpp"
#include "gateway/cli_commands.hpp"
#include "gateway/command_ports.hpp"
#include "gateway/random.hpp"

#include <stdexcept>

namespace enlace::gateway {

namespace {

template <class T>
T must(core::Result<T> r, const std::string& what) {
  if (!r) {
    std::string why = r.error().detail;
    for (const auto& f : r.error().fields.items()) why += " " + f.field + " " + f.message + ";";
    throw std::runtime_error("demo " + what + ": " + why);
  }
  return std::move(*r);
}

struct DemoTerritory {
  const char* key;
  const char* name;
  const char* level;
  const char* parent;     // key, or nullptr
  const char* code;       // or nullptr
  const char* time_zone;  // or nullptr: the parent's applies
};

// The countries carry the zone; provinces and towns inherit it, as most real trees would.
constexpr DemoTerritory kTerritories[] = {
    {"ph", "Philippines", "country", nullptr, "PH", "Asia/Manila"},
    {"albay", "Albay", "province", "ph", "PH-ALB", nullptr},
    {"legazpi", "Legazpi City", "municipality", "albay", nullptr, nullptr},
    {"ec", "Ecuador", "country", nullptr, "EC", "America/Guayaquil"},
    {"pichincha", "Pichincha", "province", "ec", "EC-P", nullptr},
    {"quito", "Quito", "municipality", "pichincha", nullptr, nullptr},
    {"imbabura", "Imbabura", "province", "ec", "EC-I", nullptr},
    {"ibarra", "Ibarra", "municipality", "imbabura", nullptr, nullptr},
};

struct DemoOrganization {
  const char* key;
  const char* name;
  const char* kind;
  const char* territory;
  const char* parent;  // key, or nullptr
  const char* email;
  const char* phone;
};

constexpr DemoOrganization kOrganizations[] = {
    {"legazpi_help_desk", "Legazpi City Migration Help Desk", "help_desk", "legazpi", nullptr,
     "helpdesk@legazpi.example.ph", "+63 52 480 0001"},
    {"legazpi_cmd", "Committee on Migration and Development", "municipal_office", "legazpi",
     nullptr, "cmd@legazpi.example.ph", "+63 52 480 0002"},
    {"legazpi_mrsc", "Migration Resource and Service Center", "municipal_office", "legazpi",
     nullptr, "mrsc@legazpi.example.ph", "+63 52 480 0003"},
    {"diocese_sac", "Diocese of Legazpi Social Action Centre", "faith_based", "legazpi", nullptr,
     "sac@diocese-legazpi.example.ph", "+63 52 480 0100"},
    {"dmw_region5", "Department of Migrant Workers - Region V", "national_agency", "albay",
     nullptr, "region5@dmw.example.ph", "+63 52 742 0200"},
    {"pichincha_hmo", "Pichincha Human Mobility Office", "municipal_office", "pichincha", nullptr,
     "movilidad@pichincha.example.ec", "+593 2 252 0001"},
    {"pichincha_mobile", "Pichincha Human Mobility Office - Mobile Unit", "help_desk", "pichincha",
     "pichincha_hmo", "unidad.movil@pichincha.example.ec", "+593 99 000 0002"},
    {"imbabura_hmo", "Imbabura Human Mobility Office", "municipal_office", "imbabura", nullptr,
     "movilidad@imbabura.example.ec", "+593 6 295 0001"},
    {"unhcr_quito", "UN Refugee Agency field office Quito", "international_organization", "quito",
     nullptr, "quito@unhcr.example.org", "+593 2 246 0100"},
    {"iom_quito", "International Organization for Migration - Quito",
     "international_organization", "quito", nullptr, "quito@iom.example.int", "+593 2 246 0200"},
    {"casa_acogida", "Casa de Acogida Quito", "civil_society", "quito", nullptr,
     "contacto@casadeacogida.example.ec", "+593 2 260 0300"},
    {"spe", "Servicio Público de Empleo", "national_agency", "ec", nullptr,
     "empleo@trabajo.example.ec", "+593 2 381 4000"},
};

struct DemoService {
  const char* key;
  const char* organization;
  const char* category;
  const char* name;
  const char* description;
  const char* eligibility;
  std::vector<const char*> territories;
  std::vector<std::string> languages;
  const char* hours;
  std::vector<std::string> documents;
  const char* fees;
  const char* how_to_apply;
  const char* status;
  std::optional<std::int64_t> capacity;
  bool accepting;
  std::optional<std::int64_t> wait_days;
  int verified_days_ago;  // over 183: the listing shows as stale
  std::optional<std::int64_t> min_age = std::nullopt, max_age = std::nullopt;
};

// Filipino is "tl" (ISO 639-1 has no code for Filipino itself; "fil" is ISO 639-2).
const std::vector<DemoService>& demo_services() {
  static const std::vector<DemoService> kServices = {
      {"help_desk_documents", "legazpi_help_desk", "documentation",
       "OFW document assistance",
       "Help with passports, overseas employment certificates and civil registry papers for "
       "overseas Filipino workers and their families.",
       "Overseas workers, returnees and their families", {"legazpi"}, {"tl", "en"},
       "Mon-Fri 08:00-17:00", {"Any government-issued ID"}, "Free",
       "Walk in at City Hall, ground floor, or call the help desk.", "active", std::nullopt, true,
       2, 20},
      {"cmd_reintegration", "legazpi_cmd", "employment", "Reintegration and livelihood referrals",
       "Links returning workers to livelihood programmes, training and starter kits.",
       "Returnees resident in Legazpi City", {"legazpi"}, {"tl", "en"}, "Tue and Thu 09:00-16:00",
       {"Proof of return (passport stamp or contract)", "Barangay certificate"}, "Free",
       "Referral from the Migration Help Desk.", "active", 25, true, 10, 45},
      {"mrsc_financial", "legazpi_mrsc", "financial_services",
       "Financial literacy and remittance counselling",
       "Group sessions and one-to-one advice on remittances, savings and avoiding loan scams.",
       nullptr, {"legazpi"}, {"tl", "en"}, "Wed 13:00-17:00", {}, "Free",
       "Register by phone or at the centre.", "active", 30, true, 7, 30},
      {"mrsc_psychosocial", "legazpi_mrsc", "mental_health",
       "Psychosocial support for migrant families",
       "Counselling for families of overseas workers and for returnees in distress.", nullptr,
       {"legazpi"}, {"tl", "en"}, "Mon-Fri 09:00-16:00", {}, "Free",
       "Referral from a caseworker; self-referral by phone.", "active", 10, true, 14, 60},
      {"diocese_shelter", "diocese_sac", "shelter", "Emergency shelter for distressed migrants",
       "Temporary beds, meals and accompaniment for migrants and returnees in crisis.",
       "Adults and families; children with a parent or guardian", {"albay"}, {"tl", "en"},
       "24 hours", {}, "Free", "Call the centre; admissions any time for emergencies.", "active",
       12, true, 0, 15},
      {"diocese_food", "diocese_sac", "food", "Food packs for migrant families",
       "Weekly food packs for families of distressed overseas workers.", nullptr, {"legazpi"},
       {"tl", "en"}, "Sat 08:00-12:00", {"Barangay certificate"}, "Free",
       "Referral from a caseworker or the parish.", "active", 80, true, 3, 10},
      {"dmw_legal", "dmw_region5", "legal_aid", "Legal assistance for overseas workers",
       "Advice and representation for contract violations, illegal recruitment and claims.",
       "Overseas Filipino workers and their next of kin", {"ph"}, {"tl", "en"},
       "Mon-Fri 08:00-17:00", {"Passport", "Employment contract, if any"}, "Free",
       "Appointment by phone or e-mail.", "active", std::nullopt, true, 14, 90},
      {"dmw_orientation", "dmw_region5", "employment", "Pre-employment orientation seminar",
       "Seminar on safe migration, contracts and workers' rights before deployment.", nullptr,
       {"albay"}, {"tl", "en"}, "First Monday of the month, 09:00-12:00", {"Passport"}, "Free",
       "Register online.", "active", 60, true, 30, 300},  // stale: not verified for 300 days
      {"hmo_first_arrival", "pichincha_hmo", "protection", "First-arrival care and orientation",
       "Needs assessment, orientation on rights and services, and referral for people on the move.",
       nullptr, {"pichincha"}, {"es"}, "Lun-Vie 08:00-17:00", {}, "Gratuito",
       "Acérquese a la oficina o llame.", "active", std::nullopt, true, 0, 20},
      {"hmo_legal", "pichincha_hmo", "legal_aid", "Legal advice on regularisation",
       "Advice on visas, regularisation processes and refugee status applications.", nullptr,
       {"pichincha"}, {"es"}, "Lun-Vie 08:00-16:00", {"Pasaporte o documento de identidad, si lo tiene"},
       "Gratuito", "Cita previa por teléfono.", "active", 40, true, 5, 35},
      {"hmo_housing", "pichincha_hmo", "housing", "Housing mediation",
       "Mediation with landlords and support to find safe rental housing.", nullptr, {"pichincha"},
       {"es"}, "Mar y Jue 09:00-13:00", {}, "Gratuito", "Derivación de un caseworker.", "active",
       15, true, 21, 50},
      {"mobile_outreach", "pichincha_mobile", "documentation", "Mobile unit outreach",
       "Visits to rural parishes with local organisations: orientation and help with documents.",
       nullptr, {"pichincha"}, {"es"}, "Según calendario mensual", {}, "Gratuito",
       "Consulte el calendario de visitas.", "active", std::nullopt, true, 7, 25},
      {"imbabura_reception", "imbabura_hmo", "shelter", "Border reception point Ibarra",
       "Short stays and orientation for people arriving from the northern border.", nullptr,
       {"imbabura"}, {"es"}, "24 horas", {}, "Gratuito", "Llegada directa o derivación.", "active",
       20, true, 0, 40},
      {"unhcr_rsd", "unhcr_quito", "documentation", "Refugee status application support",
       "Information and accompaniment for asylum applications and refugee documentation.",
       "Asylum seekers and refugees", {"pichincha", "imbabura"}, {"es", "en", "fr"},
       "Mon-Fri 09:00-16:00", {"Any identity document, if available"}, "Free",
       "Referral from a partner organisation.", "active", 50, true, 10, 30},
      {"unhcr_cash", "unhcr_quito", "financial_services", "Cash-based assistance",
       "Multi-purpose cash for refugee families in acute need.", "Refugees and asylum seekers",
       {"pichincha", "imbabura"}, {"es", "en"}, "Mon-Fri 09:00-16:00", {"Refugee or asylum-seeker ID"},
       "Free", "Referral only.", "active", 0, false, 30, 20},
      {"iom_health", "iom_quito", "health", "Health assistance for migrants in transit",
       "Primary health consultations, vaccination and referral to public health services.",
       nullptr, {"ec"}, {"es", "en", "ht"}, "Mon-Sat 08:00-18:00", {}, "Free",
       "Walk in or referral.", "active", 100, true, 1, 15},
      {"iom_reunification", "iom_quito", "protection", "Family reunification support",
       "Tracing and support to reunite separated families.", nullptr, {"pichincha"}, {"es", "en"},
       "Mon-Fri 09:00-17:00", {}, "Free", "Referral from a caseworker.", "active", 20, true, 20, 60},
      {"casa_shelter", "casa_acogida", "shelter", "Temporary shelter for families",
       "Up to 30 nights with meals for families and single women with children.",
       "Families and women with children", {"quito"}, {"es"}, "24 horas", {}, "Gratuito",
       "Derivación de un caseworker; emergencias a cualquier hora.", "active", 40, true, 0, 10},
      {"casa_meals", "casa_acogida", "food", "Hot meals", "Lunch every day for people on the move.",
       nullptr, {"quito"}, {"es"}, "Todos los días 12:00-14:00", {}, "Gratuito", "Llegada directa.",
       "active", 150, true, 0, 10},
      {"casa_psychosocial", "casa_acogida", "mental_health", "Psychosocial first aid",
       "Group and individual support sessions.", nullptr, {"quito"}, {"es"}, "Lun-Vie 14:00-18:00",
       {}, "Gratuito", "Derivación interna.", "temporarily_closed", 0, false, std::nullopt, 90},
      {"spe_placement", "spe", "employment", "Job placement",
       "Registration in the public employment network and matching with job offers.", nullptr,
       {"ec"}, {"es"}, "Lun-Vie 08:00-16:30", {"Documento de identidad", "Hoja de vida"},
       "Gratuito", "Registro en línea o en la oficina.", "active", std::nullopt, true, 15, 40,
       18, std::nullopt},
      {"spe_certification", "spe", "employment", "Labour skills certification",
       "Certification of skills learnt on the job, recognised by employers.", nullptr,
       {"pichincha", "imbabura"}, {"es"}, "Mar y Jue 08:00-16:00", {"Documento de identidad"},
       "Gratuito", "Inscripción en la oficina.", "active", 25, true, 30, 70, 18, std::nullopt},
  };
  return kServices;
}

struct DemoUser {
  const char* username;
  const char* display_name;
  core::Role role;
  const char* organization;  // key, or nullptr
};

constexpr DemoUser kUsers[] = {
    {"sysadmin", "System Administrator", core::Role::system_admin, nullptr},
    {"auditor", "Network Auditor", core::Role::auditor, nullptr},
    {"coordinator", "Provincial Coordinator", core::Role::coordinator, "pichincha_hmo"},
    {"legazpi.caseworker", "Maria Santos", core::Role::caseworker, "legazpi_help_desk"},
    {"legazpi.admin", "Jose Reyes", core::Role::org_admin, "legazpi_help_desk"},
    {"pichincha.caseworker", "Ana Guerrero", core::Role::caseworker, "pichincha_hmo"},
    {"pichincha.admin", "Carlos Andrade", core::Role::org_admin, "pichincha_hmo"},
    {"shelter.partner", "Lucia Paredes", core::Role::partner, "casa_acogida"},
    {"shelter.admin", "Rosa Villacis", core::Role::org_admin, "casa_acogida"},
    {"unhcr.partner", "Daniel Moreno", core::Role::partner, "unhcr_quito"},
    {"iom.partner", "Sofia Herrera", core::Role::partner, "iom_quito"},
    {"employment.partner", "Pablo Cevallos", core::Role::partner, "spe"},
};

const char* organization_name(const char* key) {
  if (!key) return "";
  for (const auto& o : kOrganizations)
    if (std::string_view(o.key) == key) return o.name;
  return "";
}

std::optional<std::string> opt(const char* s) {
  if (!s) return std::nullopt;
  return std::string(s);
}

}  // namespace

const std::vector<DemoSignIn>& demo_sign_ins() {
  static const std::vector<DemoSignIn> kSignIns = [] {
    std::vector<DemoSignIn> out;
    for (const auto& u : kUsers)
      out.push_back({u.username, std::string(core::to_string(u.role)), organization_name(u.organization)});
    return out;
  }();
  return kSignIns;
}

void seed_directory_demo(CommandPorts& ports, core::Timestamp now, DemoIds& ids) {
  // The network is set up by the command line, as `enlace user add` adds accounts: the
  // system administrator's use cases, each leaving the event the API's change leaves.
  const core::AuditContext origin = cli_context(now);
  const core::Actor admin = command_actor();
  for (const auto& t : kTerritories) {
    core::TerritoryDraft d{t.name, t.level, std::nullopt, opt(t.code), opt(t.time_zone)};
    if (t.parent) d.parent_id = ids.territories.at(t.parent);
    std::string id = new_id(now);
    must(core::create_territory(ports.directory(origin), admin, d, id, now), t.key);
    ids.territories[t.key] = id;
  }
  for (const auto& o : kOrganizations) {
    core::OrganizationDraft d{o.name, o.kind, ids.territories.at(o.territory), std::nullopt,
                              opt(o.email), opt(o.phone), false, std::nullopt};
    if (o.parent) d.parent_id = ids.organizations.at(o.parent);
    std::string id = new_id(now);
    must(core::create_organization(ports.directory(origin), admin, d, id, now), o.key);
    ids.organizations[o.key] = id;
  }
  for (const auto& s : demo_services()) {
    core::ServiceDraft d;
    d.organization_id = ids.organizations.at(s.organization);
    d.category = s.category;
    d.name = s.name;
    d.description = opt(s.description);
    d.eligibility = opt(s.eligibility);
    d.min_age = s.min_age;
    d.max_age = s.max_age;
    d.languages = s.languages;
    d.territory_ids.emplace();
    for (const char* t : s.territories) d.territory_ids->push_back(ids.territories.at(t));
    d.hours = opt(s.hours);
    d.required_documents = s.documents;
    d.fees = opt(s.fees);
    d.how_to_apply = opt(s.how_to_apply);
    d.status = s.status;
    d.capacity_available = s.capacity;
    d.accepting = s.accepting;
    d.expected_wait_days = s.wait_days;
    d.last_verified_at = core::format_timestamp(now - std::chrono::days(s.verified_days_ago));
    // Listings are their organisation's administrator's to create: the command acts as one.
    core::Actor org_admin;
    org_admin.user_id = admin.user_id;
    org_admin.organization_id = *d.organization_id;
    org_admin.roles = {core::Role::org_admin};
    std::string id = new_id(now);
    must(core::create_service(ports.directory(origin), org_admin, std::move(d), id, now), s.key);
    ids.services[s.key] = id;
  }
  for (const auto& u : kUsers) {
    core::NewUser n;
    n.id = new_id(now);
    n.username = u.username;
    n.display_name = u.display_name;
    if (u.organization) n.organization_id = ids.organizations.at(u.organization);
    n.roles = {u.role};
    n.password_hash = ids.password_hash;
    must(core::create_user(ports.accounts(origin), admin, n, now), u.username);
    ids.users[u.username] = n.id;
  }
}

}  // namespace enlace::gateway
