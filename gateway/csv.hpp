// CSV replies (RFC 4180): one header row, CRLF line ends, fields quoted when they hold a
// comma, a quote or a line break, and cells a spreadsheet would run as a formula neutralised
// (OWASP, CSV injection). Used by every `Accept: text/csv` export.
#pragma once

#include "gateway/http_types.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace enlace::gateway {

// Appends one cell. A cell starting with = + - @ tab or CR that is not a plain number gets a
// leading apostrophe (the spreadsheet shows it as text) and is quoted; "-3" and "+1.5" stay.
void append_csv_field(std::string& out, std::string_view field);

// Appends one record (fields joined by commas, then CRLF) to out.
void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields);

// Whether the client asked for CSV (`Accept: text/csv`).
bool wants_csv(const Request& req);

// A 200 text/csv reply offered as a download named `filename`.
Response csv_attachment(std::string body, const std::string& filename, bool personal_data);

}  // namespace enlace::gateway
