// RFC 3986 percent-encoding of a URI component (otpauth URIs, FHIR search links).
#pragma once

#include <string>
#include <string_view>

namespace enlace::gateway {

// Every byte but the unreserved characters (ALPHA / DIGIT / "-" / "." / "_" / "~") as %XX.
std::string percent_encode(std::string_view s);

}  // namespace enlace::gateway
