// What the case use cases read and write (core/use_cases/register_case.hpp). Bound to one
// transaction; scoping by the actor is the store's (in SQL for SQLite). The SQLite adapter is
// storage/sqlite_case_store.hpp.
#pragma once

#include "core/case_file.hpp"
#include "core/case_record.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

#include <string>
#include <vector>

namespace enlace::core {

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // The need categories the network knows (make_case checks against them).
  virtual std::vector<std::string> known_categories() = 0;
  // Ids of the actor's organisation's cases that may be this person (name and birth).
  virtual std::vector<std::string> possible_duplicates(const Actor& actor, const Person& person,
                                                       Date today) = 0;
  // Whether another organisation holds a case that may be this person; never which.
  virtual bool known_elsewhere(const Actor& actor, const Person& person) = 0;
  // Writes a new case of the actor's organisation.
  virtual Result<CaseRecord> insert_case(const Actor& actor, const std::string& id,
                                         const CaseFile& file, Timestamp now) = 0;
};

}  // namespace enlace::core
