// `enlace directory export|import --format hsds`: the directory as a file of Open Referral HSDS
// 3.0 services (each with its organisation, locations, phones and schedules), to publish it or
// to load one network's directory into another. Each returns the process exit code.
#pragma once

#include <string>

namespace enlace::gateway {

struct DirectoryFileArgs {
  std::string db, format = "hsds", file;
};

// Writes every service, ordered by id, as one JSON array. Reading the directory is not audited
// (it holds no personal data; the API does not audit it either).
int run_directory_export(const DirectoryFileArgs& args);
// Adds what is new and updates what has the same id, in one transaction with an audit event per
// record written; anything invalid is refused with the field named and nothing changes (exit 2).
int run_directory_import(const DirectoryFileArgs& args);

}  // namespace enlace::gateway
