#include "gateway/mime_message.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace enlace;

TEST(MimeMessage, MultipartAlternativeWithTheHeadersMailClientsNeed) {
  gateway::MimeEnvelope env{"enlace@example.org", "partner@ngo.example.org",
                            "mail-42@example.org", core::from_millis(1'764'000'000'000)};
  core::MailContent c{"Enlace : une orientation a changé d'état — très longue ligne de sujet pour "
                      "couper les mots encodés",
                      "Texte brut é\n", "<p>HTML é</p>\n"};
  auto m = gateway::build_mime_message(env, c);
  EXPECT_NE(m.find("Date: Mon, 24 Nov 2025 16:00:00 +0000\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("Message-ID: <mail-42@example.org>\r\n"), std::string::npos);
  EXPECT_NE(m.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(m.find("Content-Type: multipart/alternative; boundary="), std::string::npos);
  EXPECT_NE(m.find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64"),
            std::string::npos);
  EXPECT_NE(m.find("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64"),
            std::string::npos);
  EXPECT_NE(m.find("Subject: =?UTF-8?B?"), std::string::npos);
  // Every line within the 78 characters RFC 5322 recommends; no bare LF; only ASCII.
  std::istringstream lines(m);
  std::string line;
  while (std::getline(lines, line)) {
    ASSERT_FALSE(line.empty() || line.back() != '\r') << "bare LF before: " << line;
    EXPECT_LE(line.size(), 79u) << line;
    for (unsigned char ch : line) EXPECT_LT(ch, 0x80) << line;
  }
}
