// Consent to share a case with named organisations for named categories, and what it covers.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/codes.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

// As typed in POST /cases/{id}/consents; nothing checked yet.
struct ConsentDraft {
  std::optional<std::string> method;
  std::optional<std::vector<std::string>> categories, organizations;
  std::optional<std::string> expires_at;  // RFC 3339
};

struct Consent {
  std::string id;  // storage's; empty until stored
  ConsentMethod method = ConsentMethod::verbal;
  std::vector<std::string> categories;     // empty covers no category
  std::vector<std::string> organizations;  // empty covers no organisation
  Timestamp given_at{};
  Timestamp expires_at{};
  std::optional<Timestamp> withdrawn_at;
};

inline constexpr int kDefaultConsentMonths = 12;

// The consent scope of a case transfer (core/case_transfer.hpp), accepted in `categories`.
inline constexpr std::string_view kCaseTransferScope = "case_transfer";
inline constexpr int kMaxConsentMonths = 60;

// Calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb); time of day kept.
Timestamp add_months(Timestamp t, int months);

// `known_categories` are the category codes in the database (and kCaseTransferScope); that the organisations exist is
// storage's check. expires_at defaults to 12 months from now and must lie in (now, now + 5y].
Result<Consent> make_consent(const ConsentDraft& d, std::span<const std::string> known_categories,
                             Timestamp now);

// Withdrawing twice is a conflict ("consent-withdrawn"); withdrawing an expired one is allowed.
Result<Consent> withdraw(Consent c, Timestamp now);

// Active at `now` (not withdrawn, not expired) and lists both the category and organisation.
bool is_active(const Consent& c, Timestamp now);
bool covers(const Consent& c, std::string_view category, std::string_view organization_id,
            Timestamp now);

}  // namespace enlace::core
