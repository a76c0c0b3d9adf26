// One webhook POST through libcurl: see webhook_http.hpp.
#include "gateway/webhook_http.hpp"

#include "core/webhook_rules.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <curl/curl.h>

#include <memory>

namespace enlace::gateway {

namespace asio = boost::asio;

namespace {

bool non_public(const asio::ip::address& a) {
  if (a.is_v4()) {
    auto b = a.to_v4().to_bytes();
    return core::is_non_public_address(b);
  }
  auto b = a.to_v6().to_bytes();
  return core::is_non_public_address(b);
}

struct Transfer {
  std::size_t received = 0;
  bool too_large = false;
  const std::atomic<bool>* stop = nullptr;
};

size_t discard(char*, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  t->received += size * n;
  if (t->received > kWebhookMaxResponseBytes) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  return size * n;
}

int progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Transfer*>(user)->stop->load() ? 1 : 0;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

std::optional<std::string> refused_addresses(const std::vector<asio::ip::address>& addrs,
                                             bool allow_private) {
  if (addrs.empty()) return "the host has no address";
  if (allow_private) return std::nullopt;
  for (const auto& a : addrs)
    if (non_public(a))
      return "the host resolves to a loopback, private, link-local or other non-public address";
  return std::nullopt;
}

WebhookResponse post_webhook(const WebhookRequest& req, bool allow_private,
                             const std::atomic<bool>& stop) {
  WebhookResponse out;
  auto url = core::parse_webhook_url(req.url);
  if (!url) {
    out.error = "invalid URL";
    return out;
  }
  std::vector<asio::ip::address> addrs;
  {
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    boost::system::error_code ec;
    auto results = resolver.resolve(url->host, std::to_string(url->port), ec);
    if (ec) {
      out.error = "the host could not be resolved";
      return out;
    }
    for (const auto& r : results) addrs.push_back(r.endpoint().address());
  }
  if (auto why = refused_addresses(addrs, allow_private)) {
    out.error = *why;
    return out;
  }
  const auto& pinned = addrs.front();
  std::string address = pinned.is_v6() ? "[" + pinned.to_string() + "]" : pinned.to_string();
  std::string resolve_entry = url->host + ":" + std::to_string(url->port) + ":" + address;

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    out.error = "could not start a transfer";
    return out;
  }
  std::unique_ptr<curl_slist, SlistDeleter> resolve(curl_slist_append(nullptr, resolve_entry.c_str()));
  curl_slist* h = nullptr;
  for (std::string line : {std::string("Content-Type: application/json"),
                           std::string("User-Agent: Enlace-Webhooks/1"), std::string("Expect:"),
                           "webhook-id: " + req.id, "webhook-timestamp: " + req.timestamp,
                           "webhook-signature: " + req.signature})
    h = curl_slist_append(h, line.c_str());
  std::unique_ptr<curl_slist, SlistDeleter> headers(h);

  Transfer t;
  t.stop = &stop;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(c, CURLOPT_RESOLVE, resolve.get());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");  // a proxy would connect where it likes
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kWebhookConnectTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, kWebhookTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(req.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status > 0) out.status = static_cast<int>(status);
  // A 2xx whose body we stopped reading past the bound was still accepted by the receiver.
  bool answered = rc == CURLE_OK || (rc == CURLE_WRITE_ERROR && t.too_large);
  if (!answered) {
    out.error = curl_easy_strerror(rc);
  } else if (status < 200 || status > 299) {
    out.error = "HTTP " + std::to_string(status);
  }
  return out;
}

}  // namespace enlace::gateway
