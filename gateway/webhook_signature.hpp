// Standard Webhooks (standardwebhooks.com) signing: secrets, signatures and the payload.
#pragma once

#include "core/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace enlace::gateway {

// "whsec_" + base64 of 32 random bytes.
std::string new_webhook_secret();

// "v1," + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), the key being the base64 after
// "whsec_". Nothing when the secret is not of that form.
std::optional<std::string> sign_webhook(std::string_view secret, std::string_view id,
                                        std::string_view timestamp, std::string_view body);

// A delivery's body: {"type","timestamp","data":{referral_id,status,version,organization_id}}
// from a live event's type, time and data (ids and states only), for `organization_id`'s
// webhook.
std::string webhook_body(std::string_view type, core::Timestamp at, std::string_view event_data,
                         const std::string& organization_id);

}  // namespace enlace::gateway
