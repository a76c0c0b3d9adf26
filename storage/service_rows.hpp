// The service row as the repository and the directory lookups read it (storage-internal).
#pragma once

#include "storage/service_repository.hpp"
#include "storage/sql.hpp"

namespace enlace::storage {

// Selected from `service s`; the covered territories come along space-separated (ids never
// contain spaces) so that a list costs one query.
inline constexpr const char* kServiceRowColumns =
    "s.id, s.organization_id, s.category, s.name, s.name_key, s.description, s.eligibility, "
    "s.min_age, s.max_age, s.languages, s.hours, s.required_documents, s.fees, s.how_to_apply, "
    "s.status, s.capacity, s.accepting, s.expected_wait_days, s.last_verified_at, "
    "s.capacity_updated_at, s.version, s.created_at, s.updated_at, "
    "(SELECT group_concat(territory_id, ' ') FROM service_territory WHERE service_id = s.id), "
    "s.address, s.phone, s.latitude, s.longitude, s.schedule";

// The schedule column's text ("1 08:00 16:00;5 22:00 06:00") and back.
std::string encode_schedule(const std::vector<core::OpeningPeriod>& schedule);
std::vector<core::OpeningPeriod> decode_schedule(std::string_view text);

ServiceRecord read_service(Statement& st);

}  // namespace enlace::storage
