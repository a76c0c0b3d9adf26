#include "core/mail_text.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace enlace::core;

namespace {
MailFacts facts(std::string event) {
  return {std::move(event), "Shelter", "emergency", "in-progress", "Casa <Refugio> & co",
          from_millis(1'764'000'000'000), "https://enlace.example.org"};
}
}  // namespace

TEST(MailText, EveryUiLanguageHasItsOwnWordsForEveryEvent) {
  std::set<std::string> subjects;
  for (auto lang : {"es", "en", "fr", "pt", "ht", "fil"}) {
    EXPECT_TRUE(is_ui_language(lang));
    for (auto event : {"referral.created", "referral.updated", "referral.message", "referral.overdue"}) {
      auto m = compose_notification(lang, facts(event));
      EXPECT_TRUE(subjects.insert(m.subject).second) << lang << " " << event << ": " << m.subject;
      EXPECT_NE(m.text.find("https://enlace.example.org"), std::string::npos);
      EXPECT_NE(m.html.find(std::string("lang=\"") + lang + "\""), std::string::npos);
    }
  }
  EXPECT_FALSE(is_ui_language("de"));
  EXPECT_EQ(compose_notification("de", facts("referral.created")).subject,
            compose_notification("es", facts("referral.created")).subject);
}

TEST(MailText, NamesStatesAndUrgencyAsTheUiDoesAndEscapesHtml) {
  auto m = compose_notification("en", facts("referral.updated"));
  EXPECT_NE(m.text.find("State: In progress"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("Urgency: Emergency"), std::string::npos);
  EXPECT_NE(m.text.find("Deadline: 2025-11-24 16:00 UTC"), std::string::npos) << m.text;
  EXPECT_NE(m.html.find("Casa &lt;Refugio&gt; &amp; co"), std::string::npos);
  EXPECT_EQ(m.html.find("<Refugio>"), std::string::npos);
}

TEST(MailText, DigestCountsEveryKindOfEvent) {
  auto m = compose_digest("es", {{"referral.created", 3}}, Date{std::chrono::days{20'000}},
                          "https://x.example.org");
  EXPECT_NE(m.text.find("Derivaciones nuevas: 3"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("Mensajes nuevos: 0"), std::string::npos);
  EXPECT_NE(m.subject.find("2024-10-04"), std::string::npos) << m.subject;
}
