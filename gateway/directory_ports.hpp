// The directory and settings use cases' ports as the gateway builds them
// (core/use_cases/directory_ports.hpp, response_standards.hpp): on the writer the unit's store
// and the request's audit trail, on the read pool the unit's reader (port_jobs.hpp).
#pragma once

#include "core/audit_event.hpp"
#include "core/use_cases/directory_ports.hpp"
#include "core/use_cases/response_standards.hpp"
#include "gateway/app.hpp"
#include "gateway/port_jobs.hpp"

namespace enlace::gateway {

template <class UseCase>
auto directory_write(Request& req, UseCase use_case) {
  return write_on_ports<core::DirectoryPorts>(req, &core::WriteUnit::directory,
                                             std::move(use_case));
}
template <class UseCase>
auto directory_read(UseCase use_case) {
  return read_on(&core::ReadUnit::directory, std::move(use_case));
}

template <class UseCase>
auto settings_write(Request& req, UseCase use_case) {
  return write_on_ports<core::SettingsPorts>(req, &core::WriteUnit::settings, std::move(use_case));
}
template <class UseCase>
auto settings_read(UseCase use_case) {
  return read_on(&core::ReadUnit::settings, std::move(use_case));
}

}  // namespace enlace::gateway
