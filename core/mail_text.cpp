// Notification e-mails: see mail_text.hpp. The state and urgency words are those of the web
// UI's catalogues (web/src/i18n), so a mail and the screen it links to use the same names.
#include "core/mail_text.hpp"

#include <array>

namespace enlace::core {

namespace {

struct MailWords {
  std::string_view language;
  // Subjects and the first line, per event.
  std::string_view created_subject, created_line;
  std::string_view updated_subject, updated_line;
  std::string_view message_subject, message_line;
  std::string_view overdue_subject, overdue_line;
  std::string_view category, urgency, organization, state, deadline;
  std::string_view sign_in;  // before the link
  std::string_view why;      // the closing line
  std::string_view digest_subject, digest_intro;
  std::string_view digest_created, digest_updated, digest_message, digest_overdue;
  std::array<std::string_view, 3> urgencies;  // emergency, high, normal
  std::array<std::string_view, 10> states;    // in kStates order
};

constexpr std::array<std::string_view, 10> kStates = {
    "draft", "requested", "received", "accepted", "rejected",
    "cancelled", "in-progress", "on-hold", "completed", "failed"};
constexpr std::array<std::string_view, 3> kUrgencies = {"emergency", "high", "normal"};

constexpr MailWords kSpanish{
    "es",
    "Enlace: nueva derivación recibida", "Su organización recibió una nueva derivación.",
    "Enlace: una derivación cambió de estado", "Una derivación que usted envió cambió de estado.",
    "Enlace: nuevo mensaje en una derivación", "Hay un mensaje nuevo en una derivación.",
    "Enlace: derivación vencida", "Una derivación ya pasó su plazo y sigue sin cerrar.",
    "Categoría", "Urgencia", "Organización", "Estado", "Plazo",
    "Inicie sesión en Enlace para verla:",
    "Recibe este correo por sus preferencias de notificación en Enlace. Por protección de las "
    "personas, no contiene ningún dato personal.",
    "Enlace: resumen del día", "Esto ocurrió el",
    "Derivaciones nuevas", "Cambios de estado", "Mensajes nuevos", "Derivaciones vencidas",
    {"Emergencia", "Alta", "Normal"},
    {"Borrador", "Solicitada", "Recibida", "Aceptada", "Rechazada", "Cancelada", "En curso",
     "En pausa", "Completada", "Fallida"}};

constexpr MailWords kEnglish{
    "en",
    "Enlace: new referral received", "Your organisation has received a new referral.",
    "Enlace: a referral changed state", "A referral you sent has changed state.",
    "Enlace: new message on a referral", "There is a new message on a referral.",
    "Enlace: referral overdue", "A referral is past its deadline and still open.",
    "Category", "Urgency", "Organisation", "State", "Deadline",
    "Sign in to Enlace to see it:",
    "You receive this e-mail because of your notification settings in Enlace. To protect the "
    "people concerned, it contains no personal data.",
    "Enlace: daily summary", "What happened on",
    "New referrals", "Changes of state", "New messages", "Overdue referrals",
    {"Emergency", "High", "Normal"},
    {"Draft", "Requested", "Received", "Accepted", "Rejected", "Cancelled", "In progress",
     "On hold", "Completed", "Failed"}};

constexpr MailWords kFrench{
    "fr",
    "Enlace : nouvelle orientation reçue", "Votre organisation a reçu une nouvelle orientation.",
    "Enlace : une orientation a changé d'état", "Une orientation que vous avez envoyée a changé d'état.",
    "Enlace : nouveau message sur une orientation", "Il y a un nouveau message sur une orientation.",
    "Enlace : orientation en retard", "Une orientation a dépassé son délai et n'est pas clôturée.",
    "Catégorie", "Urgence", "Organisation", "État", "Délai",
    "Connectez-vous à Enlace pour la consulter :",
    "Vous recevez ce courriel selon vos préférences de notification dans Enlace. Pour protéger "
    "les personnes concernées, il ne contient aucune donnée personnelle.",
    "Enlace : résumé de la journée", "Ce qui s'est passé le",
    "Nouvelles orientations", "Changements d'état", "Nouveaux messages", "Orientations en retard",
    {"Urgence", "Élevée", "Normale"},
    {"Brouillon", "Demandée", "Reçue", "Acceptée", "Refusée", "Annulée", "En cours",
     "En attente", "Terminée", "Échouée"}};

constexpr MailWords kPortuguese{
    "pt",
    "Enlace: novo encaminhamento recebido", "A sua organização recebeu um novo encaminhamento.",
    "Enlace: um encaminhamento mudou de estado", "Um encaminhamento que você enviou mudou de estado.",
    "Enlace: nova mensagem num encaminhamento", "Há uma nova mensagem num encaminhamento.",
    "Enlace: encaminhamento atrasado", "Um encaminhamento passou do prazo e continua em aberto.",
    "Categoria", "Urgência", "Organização", "Estado", "Prazo",
    "Entre no Enlace para o ver:",
    "Você recebe este e-mail pelas suas preferências de notificação no Enlace. Para proteger as "
    "pessoas envolvidas, ele não contém nenhum dado pessoal.",
    "Enlace: resumo do dia", "O que aconteceu em",
    "Novos encaminhamentos", "Mudanças de estado", "Novas mensagens", "Encaminhamentos atrasados",
    {"Emergência", "Alta", "Normal"},
    {"Rascunho", "Solicitado", "Recebido", "Aceito", "Recusado", "Cancelado", "Em andamento",
     "Em espera", "Concluído", "Sem sucesso"}};

constexpr MailWords kHaitianCreole{
    "ht",
    "Enlace: yon nouvo referans rive", "Òganizasyon ou resevwa yon nouvo referans.",
    "Enlace: yon referans chanje eta", "Yon referans ou te voye chanje eta.",
    "Enlace: nouvo mesaj sou yon referans", "Gen yon nouvo mesaj sou yon referans.",
    "Enlace: referans an reta", "Yon referans depase dat limit li epi li poko fèmen.",
    "Kategori", "Ijans", "Òganizasyon", "Eta", "Dat limit",
    "Konekte nan Enlace pou w wè l:",
    "Ou resevwa imèl sa a akoz preferans notifikasyon ou nan Enlace. Pou pwoteje moun yo, li pa "
    "gen okenn done pèsonèl ladan l.",
    "Enlace: rezime jounen an", "Sa k te pase",
    "Nouvo referans", "Chanjman eta", "Nouvo mesaj", "Referans an reta",
    {"Ijans", "Wo", "Nòmal"},
    {"Bouyon", "Mande", "Resevwa", "Aksepte", "Refize", "Anile", "Ap fèt", "An atant", "Fini",
     "Pa reyisi"}};

constexpr MailWords kFilipino{
    "fil",
    "Enlace: may bagong referral", "May bagong referral na natanggap ang inyong organisasyon.",
    "Enlace: nagbago ang estado ng isang referral",
    "Nagbago ang estado ng isang referral na ipinadala mo.",
    "Enlace: bagong mensahe sa isang referral", "May bagong mensahe sa isang referral.",
    "Enlace: lampas na sa takdang oras ang isang referral",
    "Lampas na sa takdang oras ang isang referral at bukas pa rin ito.",
    "Kategorya", "Pagkaapurahan", "Organisasyon", "Estado", "Takdang oras",
    "Mag-sign in sa Enlace para makita ito:",
    "Natanggap mo ang e-mail na ito dahil sa iyong mga setting ng abiso sa Enlace. Para "
    "protektahan ang mga tao, wala itong anumang personal na impormasyon.",
    "Enlace: buod ng araw", "Ang nangyari noong",
    "Mga bagong referral", "Mga pagbabago ng estado", "Mga bagong mensahe",
    "Mga referral na lampas sa takdang oras",
    {"Emergency", "Mataas", "Karaniwan"},
    {"Draft", "Hiniling", "Natanggap", "Tinanggap", "Tinanggihan", "Kinansela", "Isinasagawa",
     "Naka-hold", "Natapos", "Hindi nagtagumpay"}};

constexpr std::array<const MailWords*, 6> kLanguages = {&kSpanish, &kEnglish,    &kFrench,
                                                        &kPortuguese, &kHaitianCreole, &kFilipino};

const MailWords& words_for(std::string_view language) {
  for (const auto* w : kLanguages)
    if (w->language == language) return *w;
  return kSpanish;
}

template <std::size_t N>
std::string_view word(const std::array<std::string_view, N>& codes,
                      const std::array<std::string_view, N>& names, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i)
    if (codes[i] == code) return names[i];
  return code;
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// "2026-11-25 14:00 UTC": the deadline as everyone reads it, whatever their zone.
std::string deadline_text(Timestamp t) {
  std::string iso = format_timestamp(t);  // 2026-11-25T14:00:00Z
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

struct Rows {
  std::string text, html;
  void add(std::string_view label, std::string_view value) {
    text += std::string(label) + ": " + std::string(value) + "\n";
    html += "<tr><th align=\"left\" style=\"padding-right:1em\">" + html_escape(label) +
            "</th><td>" + html_escape(value) + "</td></tr>\n";
  }
};

MailContent wrap(const MailWords& w, std::string_view subject, std::string_view line,
                 const Rows& rows, const std::string& link) {
  MailContent m;
  m.subject = std::string(subject);
  m.text = std::string(line) + "\n\n" + rows.text + "\n" + std::string(w.sign_in) + "\n" + link +
           "\n\n-- \n" + std::string(w.why) + "\n";
  m.html = "<!DOCTYPE html>\n<html lang=\"" + std::string(w.language) +
           "\"><head><meta charset=\"utf-8\"><title>" + html_escape(subject) +
           "</title></head>\n<body>\n<p>" + html_escape(line) + "</p>\n<table>\n" + rows.html +
           "</table>\n<p>" + html_escape(w.sign_in) + " <a href=\"" + html_escape(link) + "\">" +
           html_escape(link) + "</a></p>\n<p style=\"color:#555;font-size:small\">" +
           html_escape(w.why) + "</p>\n</body></html>\n";
  return m;
}

}  // namespace

bool is_ui_language(std::string_view code) {
  for (const auto* w : kLanguages)
    if (w->language == code) return true;
  return false;
}

MailContent compose_notification(std::string_view language, const MailFacts& f) {
  const MailWords& w = words_for(language);
  std::string_view subject = w.updated_subject, line = w.updated_line;
  if (f.event == "referral.created") subject = w.created_subject, line = w.created_line;
  if (f.event == "referral.message") subject = w.message_subject, line = w.message_line;
  if (f.event == "referral.overdue") subject = w.overdue_subject, line = w.overdue_line;
  Rows rows;
  rows.add(w.category, f.category);
  rows.add(w.urgency, word(kUrgencies, w.urgencies, f.urgency));
  rows.add(w.organization, f.organization);
  rows.add(w.state, word(kStates, w.states, f.status));
  if (f.deadline) rows.add(w.deadline, deadline_text(*f.deadline));
  return wrap(w, subject, line, rows, f.link);
}

MailContent compose_digest(std::string_view language, const std::map<std::string, int>& counts,
                           Date day, const std::string& link) {
  const MailWords& w = words_for(language);
  Rows rows;
  const std::pair<std::string_view, std::string_view> kinds[] = {
      {"referral.created", w.digest_created},
      {"referral.updated", w.digest_updated},
      {"referral.message", w.digest_message},
      {"referral.overdue", w.digest_overdue}};
  for (const auto& [event, label] : kinds) {
    auto it = counts.find(std::string(event));
    rows.add(label, std::to_string(it == counts.end() ? 0 : it->second));
  }
  std::string line = std::string(w.digest_intro) + " " + format_date(day) + ":";
  return wrap(w, std::string(w.digest_subject) + " " + format_date(day), line, rows, link);
}

}  // namespace enlace::core
