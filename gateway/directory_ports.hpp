// The directory and settings use cases' ports as the gateway builds them
// (core/use_cases/directory_ports.hpp, response_standards.hpp): on the writer the SQL store and
// the request's audit trail, on the read pool the SQL reader (port_jobs.hpp).
#pragma once

#include "core/audit_event.hpp"
#include "core/use_cases/directory_ports.hpp"
#include "core/use_cases/response_standards.hpp"
#include "gateway/app.hpp"
#include "gateway/port_jobs.hpp"
#include "storage/sql_directory_store.hpp"
#include "storage/sql_settings_store.hpp"
#include "storage/txn.hpp"

namespace enlace::gateway {

template <class UseCase>
auto directory_write(Request& req, UseCase use_case) {
  return write_on_ports<storage::SqlDirectoryStore, core::DirectoryPorts>(req, std::move(use_case));
}
template <class UseCase>
auto directory_read(UseCase use_case) {
  return read_on_port<storage::SqlDirectoryReader>(std::move(use_case));
}

template <class UseCase>
auto settings_write(Request& req, UseCase use_case) {
  return write_on_ports<storage::SqlSettingsStore, core::SettingsPorts>(req, std::move(use_case));
}
template <class UseCase>
auto settings_read(UseCase use_case) {
  return read_on_port<storage::SqlSettingsReader>(std::move(use_case));
}

}  // namespace enlace::gateway
