// Reading a service row: see service_rows.hpp.
#include "storage/service_rows.hpp"

#include "storage/json_text.hpp"

#include <algorithm>
#include <sstream>

namespace enlace::storage {

namespace {
std::optional<int> opt_int(Statement& st, int col) {
  if (auto v = st.opt_int64(col)) return static_cast<int>(*v);
  return std::nullopt;
}
std::optional<core::Timestamp> opt_time(Statement& st, int col) {
  if (auto v = st.opt_int64(col)) return core::from_millis(*v);
  return std::nullopt;
}
}  // namespace

ServiceRecord read_service(Statement& st) {
  ServiceRecord r;
  auto& s = r.listing;
  r.id = st.text(0);
  s.organization_id = st.text(1);
  s.category = st.text(2);
  s.name = st.text(3);
  s.name_key = st.text(4);
  s.description = st.opt_text(5);
  s.eligibility = st.opt_text(6);
  s.min_age = opt_int(st, 7);
  s.max_age = opt_int(st, 8);
  s.languages = decode_string_array(st.text(9)).value_or(std::vector<std::string>{});
  s.hours = st.opt_text(10);
  s.required_documents = decode_string_array(st.text(11)).value_or(std::vector<std::string>{});
  s.fees = st.opt_text(12);
  s.how_to_apply = st.opt_text(13);
  s.status = core::parse_service_status(st.text(14)).value_or(core::ServiceStatus::inactive);
  s.capacity_available = opt_int(st, 15);
  s.accepting = st.int64(16) != 0;
  s.expected_wait_days = opt_int(st, 17);
  s.last_verified_at = opt_time(st, 18);
  r.capacity_updated_at = opt_time(st, 19);
  r.version = st.int64(20);
  r.created_at = core::from_millis(st.int64(21));
  r.updated_at = core::from_millis(st.int64(22));
  std::istringstream ids(st.opt_text(23).value_or(""));
  std::string id;
  while (ids >> id) s.territory_ids.push_back(id);
  std::sort(s.territory_ids.begin(), s.territory_ids.end());
  s.address = st.opt_text(24);
  s.phone = st.opt_text(25);
  if (!st.is_null(26) && !st.is_null(27)) s.location = core::GeoPoint{st.real(26), st.real(27)};
  s.schedule = decode_schedule(st.text_view(28));
  return r;
}

std::string encode_schedule(const std::vector<core::OpeningPeriod>& schedule) {
  std::string out;
  for (const auto& p : schedule) {
    if (!out.empty()) out += ';';
    out += std::to_string(p.weekday) + ' ' + core::format_time_of_day(p.opens) + ' ' +
           core::format_time_of_day(p.closes);
  }
  return out;
}

std::vector<core::OpeningPeriod> decode_schedule(std::string_view text) {
  std::vector<core::OpeningPeriod> out;
  std::istringstream in{std::string(text)};
  std::string entry;
  while (std::getline(in, entry, ';')) {
    std::istringstream fields(entry);
    int weekday = 0;
    std::string opens, closes;
    if (!(fields >> weekday >> opens >> closes)) continue;
    auto o = core::parse_time_of_day(opens);
    auto c = core::parse_time_of_day(closes, true);
    if (o && c) out.push_back({weekday, *o, *c});
  }
  return out;
}

}  // namespace enlace::storage
