// Standard Webhooks signing: see webhook_signature.hpp.
#include "gateway/webhook_signature.hpp"

#include <boost/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace enlace::gateway {

namespace bj = boost::json;

namespace {

constexpr std::string_view kPrefix = "whsec_";

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  std::size_t pad = (text.back() == '=') + (text.size() > 1 && text[text.size() - 2] == '=');
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

}  // namespace

std::string new_webhook_secret() {
  unsigned char key[32];
  if (RAND_bytes(key, sizeof key) != 1) throw std::runtime_error("RAND_bytes failed");
  return std::string(kPrefix) + base64({reinterpret_cast<const char*>(key), sizeof key});
}

std::optional<std::string> sign_webhook(std::string_view secret, std::string_view id,
                                        std::string_view timestamp, std::string_view body) {
  if (!secret.starts_with(kPrefix)) return std::nullopt;
  auto key = unbase64(secret.substr(kPrefix.size()));
  if (!key) return std::nullopt;
  std::string message;
  message.reserve(id.size() + timestamp.size() + body.size() + 2);
  message.append(id).append(".").append(timestamp).append(".").append(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key->data(), static_cast<int>(key->size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &len))
    return std::nullopt;
  return "v1," + base64({reinterpret_cast<const char*>(mac), len});
}

std::string webhook_body(std::string_view type, core::Timestamp at, std::string_view event_data,
                         const std::string& organization_id) {
  // The live event's data is our own JSON of ids and states; only its known keys are copied,
  // so that nothing added to live events later leaks to another system unreviewed.
  bj::object data;
  boost::system::error_code ec;
  auto parsed = bj::parse(event_data, ec);
  if (!ec && parsed.is_object()) {
    for (const char* key : {"referral_id", "status", "version"})
      if (auto* v = parsed.as_object().if_contains(key)) data[key] = *v;
  }
  data["organization_id"] = organization_id;
  return bj::serialize(bj::object{{"type", type},
                                  {"timestamp", core::format_timestamp(at)},
                                  {"data", std::move(data)}});
}

}  // namespace enlace::gateway
