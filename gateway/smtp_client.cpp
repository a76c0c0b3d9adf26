// SMTP through libcurl: see smtp_client.hpp.
#include "gateway/smtp_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>

namespace enlace::gateway {

namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_chunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

}  // namespace

void smtp_global_init() { curl_global_init(CURL_GLOBAL_DEFAULT); }

SmtpClient::SmtpClient(SmtpSettings settings)
    : settings_(std::move(settings)), curl_(curl_easy_init()) {}

SmtpClient::~SmtpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

std::optional<std::string> SmtpClient::send(const std::string& to, const std::string& message) {
  CURL* c = static_cast<CURL*>(curl_);
  if (!c) return "libcurl could not start";
  Upload up{&message};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  // STARTTLS whenever the server offers it; a local relay that offers none still works.
  // smtps:// is TLS from the first byte. Certificates are verified either way.
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!settings_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + settings_.from + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_chunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  curl_slist_free_all(rcpt);
  if (rc == CURLE_OK) return std::nullopt;
  std::string why = curl_easy_strerror(rc);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  if (code > 0) why += " (SMTP " + std::to_string(code) + ")";
  return why;
}

}  // namespace enlace::gateway
