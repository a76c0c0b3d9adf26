// The published gap report as the API spells it: JSON (API.md "Coordination and audit") and a
// tidy CSV table. Both carry counts and codes only, never a person's name, id or case id.
#pragma once

#include "core/gap_report_disclosure.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace enlace::gateway {

boost::json::object gap_report_json(const core::PublishedGapReport& report);

// One long table, one value per line, header first, CRLF line ends (RFC 4180):
//   from,to,section,by,group,territory_id,territory_name,week_start,category,measure,key,value
// section is category|group|weekly|territory; an empty category on a weekly line means all
// categories together; an empty value means withheld (a percentile of fewer than 5 values, a
// ratio whose parts are suppressed). Counts may be "<5" (1 to 4) or "suppressed" (5 or more,
// hidden so that a "<5" cannot be worked out), exactly as in the JSON.
std::string gap_report_csv(const core::PublishedGapReport& report);

}  // namespace enlace::gateway
