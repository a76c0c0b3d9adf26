// Two-factor enrolment (API.md, Authentication): starting it draws a new secret for the
// caller's authenticator; confirming it with a code from that authenticator turns two-factor
// on and hands out the recovery codes, once. A wrong code is counted like a wrong password
// (the gateway's limiter reserved the attempt) and its failure event commits. Losing the
// authenticator is an administrator's reset (accounts.hpp, reset_two_factor) or a recovery
// code at sign-in (sign_in.hpp).
#pragma once

#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/account_ports.hpp"
#include "core/use_cases/refusal.hpp"

#include <string>
#include <vector>

namespace enlace::core {

struct TwoFactorEnrolment {
  std::string secret;    // base32, for the authenticator
  std::string username;  // the label the authenticator shows
};

// POST /me/totp: a new secret replaces a pending one; conflict when two-factor is already on.
// "auth.totp_enrolment_started".
Result<TwoFactorEnrolment> start_two_factor(const AccountPorts& ports, const Actor& actor,
                                            Timestamp now);

// POST /me/totp/confirm: conflict when two-factor is on already or enrolment was not started;
// a code that does not match is refused with its event ("auth.totp_enabled" failed) and
// counted; the right one turns two-factor on, forgives the failures and returns the recovery
// codes to show once ("auth.totp_enabled").
Result<Refusable<std::vector<std::string>>> confirm_two_factor(const AccountPorts& ports,
                                                               const Actor& actor,
                                                               const std::string& code,
                                                               Timestamp now);

}  // namespace enlace::core
