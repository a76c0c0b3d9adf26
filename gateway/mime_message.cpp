// MIME messages: see mime_message.hpp.
#include "gateway/mime_message.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace enlace::gateway {

namespace {

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Base64 body lines of 76 characters (RFC 2045).
std::string base64_lines(std::string_view bytes) {
  std::string encoded = base64(bytes), out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

// RFC 2047: one encoded word per chunk of at most 39 bytes, never splitting a UTF-8 sequence:
// 64 characters a word, so that even the first line, after "Subject: ", stays within 78.
std::string encoded_words(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = std::min(text.size(), i + 39);
    while (end < text.size() && end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

}  // namespace

std::string rfc5322_date(core::Timestamp t) {
  std::time_t secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  std::tm tm{};
  gmtime_r(&secs, &tm);
  // Day and month names in English whatever the locale: the format requires them.
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string build_mime_message(const MimeEnvelope& e, const core::MailContent& c) {
  const std::string boundary = "=_enlace_" + e.message_id.substr(0, e.message_id.find('@'));
  std::string m;
  m += "Date: " + rfc5322_date(e.date) + "\r\n";
  m += "From: Enlace <" + e.from + ">\r\n";
  m += "To: <" + e.to + ">\r\n";
  m += "Subject: " + encoded_words(c.subject) + "\r\n";
  m += "Message-ID: <" + e.message_id + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  m += "\r\n";
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(c.text);
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(c.html);
  m += "--" + boundary + "--\r\n";
  return m;
}

}  // namespace enlace::gateway
