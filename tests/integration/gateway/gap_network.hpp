// Gap report test helpers: rows written straight into the running server's database (the
// case and referral endpoints are not needed to count them), and a reader who tries to
// recover suppressed counts from the published JSON with every sum the report's figures obey.
#pragma once

#include "core/disclosure_control.hpp"
#include "core/linear_disclosure.hpp"
#include "core/time.hpp"
#include "storage/sql.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace enlace::test {

inline std::int64_t ms(const std::string& rfc3339) {
  auto t = core::parse_timestamp(rfc3339);
  EXPECT_TRUE(t) << rfc3339;
  return t ? core::to_millis(*t) : 0;
}

struct PersonRow {
  std::string sex = "female", nationality = "VE";
  std::optional<std::string> birth_date = "1990-05-10";
  std::optional<int> estimated_age;
  std::optional<std::string> estimated_on;
};

struct ReferralRow {
  std::string status = "requested";
  std::string requested_at;  // empty for a draft
  std::string created_at;    // defaults to requested_at
  std::string responded_at, respond_by, reason_code;  // empty: NULL
  std::string outcome_code = {};                       // empty: NULL
};

class GapNetwork {
 public:
  GapNetwork(const std::string& db, std::string user_id)
      : c_(storage::Connection::open(db, {.read_only = false})), user_(std::move(user_id)) {}

  std::string territory(const std::string& name, const char* level, const std::string& parent = "") {
    auto id = next("ter");
    auto st = c_.prepared(
        "INSERT INTO territory (id, name, level, parent_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 0, 0)");
    st.bind(1, id);
    st.bind(2, name);
    st.bind(3, level);
    bind_text(st, 4, parent);
    st.run();
    return id;
  }

  std::string organization(const std::string& name, const std::string& territory_id) {
    auto id = next("org");
    auto st = c_.prepared(
        "INSERT INTO organization (id, name, kind, territory_id, created_at, updated_at) "
        "VALUES (?1, ?2, 'civil_society', ?3, 0, 0)");
    st.bind(1, id);
    st.bind(2, name);
    st.bind(3, territory_id);
    st.run();
    return id;
  }

  std::string service(const std::string& org, const std::string& category, const char* status,
                      bool accepting, std::optional<int> capacity, const std::vector<std::string>& territories) {
    auto id = next("svc");
    auto st = c_.prepared(
        "INSERT INTO service (id, organization_id, category, name, name_key, languages, required_documents, "
        "status, capacity, accepting, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, 'Service', 'service', '[]', '[]', ?4, ?5, ?6, 0, 0)");
    st.bind(1, id);
    st.bind(2, org);
    st.bind(3, category);
    st.bind(4, status);
    st.bind(5, capacity);
    st.bind(6, accepting);
    st.run();
    for (const auto& t : territories) {
      auto ts = c_.prepared("INSERT INTO service_territory (service_id, territory_id) VALUES (?1, ?2)");
      ts.bind(1, id);
      ts.bind(2, t);
      ts.run();
    }
    return id;
  }

  std::string case_file(const std::string& org, const std::string& territory_id, const PersonRow& p) {
    auto id = next("case");
    auto st = c_.prepared(
        "INSERT INTO case_file (id, organization_id, territory_id, status, given_name, family_name, name_key, "
        "search_rowid, birth_date, estimated_age, estimated_on, sex, nationality, created_by, created_at, "
        "updated_at) VALUES (?1, ?2, ?3, 'open', 'Ana', 'Secreta', 'ana secreta', "
        "(SELECT COALESCE(MAX(search_rowid), 0) + 1 FROM case_file), ?4, ?5, ?6, ?7, ?8, ?9, 0, 0)");
    st.bind(1, id);
    st.bind(2, org);
    st.bind(3, territory_id);
    st.bind(4, p.birth_date);
    st.bind(5, p.estimated_age);
    st.bind(6, p.estimated_on);
    st.bind(7, p.sex);
    st.bind(8, p.nationality);
    st.bind(9, user_);
    st.run();
    return id;
  }

  void need(const std::string& case_id, const std::string& category, const std::string& at) {
    auto st = c_.prepared(
        "INSERT INTO case_need (case_id, category, urgency, created_at) VALUES (?1, ?2, 'normal', ?3)");
    st.bind(1, case_id);
    st.bind(2, category);
    st.bind(3, ms(at));
    st.run();
  }

  std::string referral(const std::string& case_id, const std::string& from, const std::string& to,
                       const std::string& category, const ReferralRow& r) {
    auto id = next("ref");
    auto st = c_.prepared(
        "INSERT INTO referral (id, case_id, from_org, to_org, category, urgency, reason, status, legal_basis, "
        "shared_fields, respond_by, requested_at, responded_at, reason_code, created_by, created_at, updated_at, "
        "outcome_code) "
        "VALUES (?1, ?2, ?3, ?4, ?5, 'normal', 'x', ?6, 'consent', '[]', ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)");
    st.bind(1, id);
    st.bind(2, case_id);
    st.bind(3, from);
    st.bind(4, to);
    st.bind(5, category);
    st.bind(6, r.status);
    bind_time(st, 7, r.respond_by);
    bind_time(st, 8, r.requested_at);
    bind_time(st, 9, r.responded_at);
    bind_text(st, 10, r.reason_code);
    st.bind(11, user_);
    st.bind(12, ms(r.created_at.empty() ? r.requested_at : r.created_at));
    bind_text(st, 13, r.outcome_code);
    st.run();
    return id;
  }

  storage::Connection& connection() { return c_; }

 private:
  std::string next(const char* kind) { return std::string(kind) + "-" + std::to_string(++seq_); }
  static void bind_text(storage::Statement& st, int i, const std::string& v) {
    if (v.empty()) st.bind_null(i);
    else st.bind(i, v);
  }
  static void bind_time(storage::Statement& st, int i, const std::string& v) {
    if (v.empty()) st.bind_null(i);
    else st.bind(i, ms(v));
  }
  storage::Connection c_;
  std::string user_;
  long seq_ = 0;
};

// The published figures of one category in a gap report's JSON; fails the test if absent.
inline const boost::json::object& published_category(const boost::json::object& report, const std::string& code) {
  for (const auto& c : report.at("categories").as_array())
    if (c.at("category").as_string() == code) return c.as_object();
  ADD_FAILURE() << "no category " << code;
  return report.at("categories").as_array().front().as_object();
}

// A reader of the published JSON: every count is a known number, "<5" (1 to 4) or "suppressed"
// (5 or more). The sums below are the ones the raw figures obey by definition
// (gap_report_repository.hpp); a hidden count that they pin down, by linear algebra or by
// narrowing the ranges the markers give, is a disclosure.
class GapReader {
 public:
  using Id = core::CountSystem::Id;

  // JSON paths of the "<5" counts the reader can compute exactly.
  std::vector<std::string> recoverable(const boost::json::object& report) {
    namespace bj = boost::json;
    std::map<std::string, const bj::object*> overall;
    std::vector<Id> all_demand, all_unmet, all_referrals;
    std::map<std::string, std::vector<Id>> states_of;
    for (const auto& v : report.at("categories").as_array()) {
      const auto& c = v.as_object();
      std::string code(c.at("category").as_string());
      overall[code] = &c;
      auto ids = category(c, "categories/" + code);
      all_demand.push_back(ids.demand), all_unmet.push_back(ids.unmet);
      states_of[code] = ids.states;
      all_referrals.insert(all_referrals.end(), ids.states.begin(), ids.states.end());
      categories_[code] = ids;
    }
    if (report.contains("groups")) {
      std::map<std::string, std::vector<CategoryIds>> by_code;
      for (const auto& g : report.at("groups").as_array())
        for (const auto& v : g.at("categories").as_array()) {
          std::string code(v.at("category").as_string());
          by_code[code].push_back(category(v.as_object(), "groups/" + std::string(g.at("group").as_string()) + "/" + code));
        }
      for (const auto& [code, groups] : by_code) link_groups(categories_.at(code), groups);
    }
    std::map<std::string, std::vector<std::array<Id, 3>>> weeks_of;         // category -> rows
    std::map<std::string, std::array<Id, 3>> all_of_week;                   // week -> all row
    std::map<std::string, std::vector<std::array<Id, 3>>> cats_of_week;     // week -> rows
    for (const auto& v : report.at("weekly").as_array()) {
      const auto& w = v.as_object();
      std::string week(w.at("week_start").as_string());
      std::string code = w.at("category").is_null() ? "" : std::string(w.at("category").as_string());
      std::string path = "weekly/" + week + "/" + code + "/";
      std::array<Id, 3> row{var(w.at("demand"), path + "demand"), var(w.at("referrals"), path + "referrals"),
                            var(w.at("unmet"), path + "unmet")};
      if (code.empty()) all_of_week[week] = row;
      else weeks_of[code].push_back(row), cats_of_week[week].push_back(row);
    }
    for (const auto& [code, rows] : weeks_of) {
      equal({categories_.at(code).demand}, column(rows, 0));
      equal(states_of.at(code), column(rows, 1));
      equal({categories_.at(code).unmet}, column(rows, 2));
    }
    for (const auto& [week, rows] : cats_of_week)
      for (int k = 0; k < 3; ++k) equal({all_of_week.at(week)[k]}, column(rows, k));
    std::vector<std::array<Id, 3>> territory_rows;
    for (const auto& v : report.at("territories").as_array()) {
      std::string path = "territories/" + std::string(v.at("territory_id").as_string()) + "/";
      territory_rows.push_back({var(v.at("demand"), path + "demand"), var(v.at("referrals"), path + "referrals"),
                                var(v.at("unmet"), path + "unmet")});
    }
    if (!territory_rows.empty()) {
      equal(all_demand, column(territory_rows, 0));
      equal(all_referrals, column(territory_rows, 1));
      equal(all_unmet, column(territory_rows, 2));
    }

    std::vector<std::string> out;
    auto determined = core::determined_counts(system_, hidden_);
    for (Id i = 0; i < paths_.size(); ++i)
      if (hidden_[i] && !paths_[i].empty() && determined[i]) out.push_back(paths_[i]);
    // With a pencil: every sum narrows the ranges the markers give, again and again.
    std::vector<core::Known> known(paths_.size(), core::Known::exact);
    for (Id i = 0; i < paths_.size(); ++i)
      if (hidden_[i]) known[i] = paths_[i].empty() ? core::Known::unpublished : small_[i] ? core::Known::small : core::Known::large;
    auto pinned = core::pinned_by_ranges(system_, known);
    // Four "<5" parts of a "<5" total are each 1 whatever else is hidden: no suppression can
    // help (docs/SECURITY.md). Those are counted apart; anything else pinned is a failure.
    auto everything_hidden = known;
    for (Id i = 0; i < paths_.size(); ++i)
      if (!hidden_[i] && system_.count(i) != 0) everything_hidden[i] = core::Known::large;
    auto beyond_help = core::pinned_by_ranges(system_, everything_hidden);
    for (Id i = 0; i < paths_.size(); ++i) {
      if (!small_[i] || !pinned[i]) continue;
      if (beyond_help[i]) beyond_help_.push_back(paths_[i]);
      else out.push_back("range of " + paths_[i]);
    }
    return out;
  }

  // The "<5" counts the last recoverable() found pinned beyond any suppression's help.
  const std::vector<std::string>& beyond_help() const { return beyond_help_; }

  // Every count shown as a number, with its path: none may be from 1 to 4.
  std::vector<std::pair<std::string, std::int64_t>> shown() const {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (Id i = 0; i < paths_.size(); ++i)
      if (!hidden_[i] && !paths_[i].empty()) out.emplace_back(paths_[i], system_.count(i));
    return out;
  }

 private:
  struct CategoryIds {
    Id demand = 0, unmet = 0, overdue = 0;
    std::map<std::string, Id> referrals, rejections;
    std::vector<Id> states;
  };

  Id var(const boost::json::value& v, const std::string& path) {
    bool hidden = v.is_string();
    if (hidden) {
      EXPECT_TRUE(v.as_string() == "<5" || v.as_string() == "suppressed") << path << " = " << v;
    }
    Id id = system_.add(hidden ? 0 : v.as_int64());
    hidden_.push_back(hidden);
    small_.push_back(hidden && v.as_string() == "<5");
    paths_.push_back(path);
    return id;
  }
  Id aux() {
    Id id = system_.add(0);
    hidden_.push_back(true);
    small_.push_back(false);
    paths_.emplace_back();
    return id;
  }
  // sum(lhs) = sum(rhs), through an unknown auxiliary total when both sides have several terms.
  void equal(const std::vector<Id>& lhs, const std::vector<Id>& rhs) {
    if (rhs.empty()) return;
    if (lhs.size() == 1) return system_.add_sum(lhs[0], rhs);
    Id t = aux();
    system_.add_sum(t, lhs);
    system_.add_sum(t, rhs);
  }
  static std::vector<Id> column(const std::vector<std::array<Id, 3>>& rows, int k) {
    std::vector<Id> out;
    for (const auto& r : rows) out.push_back(r[static_cast<std::size_t>(k)]);
    return out;
  }
  CategoryIds category(const boost::json::object& c, const std::string& path) {
    CategoryIds ids;
    ids.demand = var(c.at("demand"), path + "/demand");
    ids.unmet = var(c.at("unmet"), path + "/unmet");
    ids.overdue = var(c.at("overdue"), path + "/overdue");
    for (const auto& [k, v] : c.at("referrals").as_object()) {
      ids.referrals[std::string(k)] = var(v, path + "/referrals/" + std::string(k));
      ids.states.push_back(ids.referrals[std::string(k)]);
    }
    std::vector<Id> reasons;
    for (const auto& [k, v] : c.at("rejections").as_object()) {
      ids.rejections[std::string(k)] = var(v, path + "/rejections/" + std::string(k));
      reasons.push_back(ids.rejections[std::string(k)]);
    }
    equal({ids.referrals.at("rejected")}, reasons);
    if (c.contains("supply")) {
      var(c.at("supply").at("services"), path + "/supply/services");
      var(c.at("supply").at("capacity"), path + "/supply/capacity");
    }
    return ids;
  }
  void link_groups(const CategoryIds& total, const std::vector<CategoryIds>& groups) {
    auto parts = [&](auto pick) {
      std::vector<Id> out;
      for (const auto& g : groups) out.push_back(pick(g));
      return out;
    };
    equal({total.demand}, parts([](const CategoryIds& g) { return g.demand; }));
    equal({total.unmet}, parts([](const CategoryIds& g) { return g.unmet; }));
    equal({total.overdue}, parts([](const CategoryIds& g) { return g.overdue; }));
    for (const auto& [k, id] : total.referrals)
      equal({id}, parts([&](const CategoryIds& g) { return g.referrals.at(k); }));
    for (const auto& [k, id] : total.rejections)
      equal({id}, parts([&](const CategoryIds& g) { return g.rejections.at(k); }));
  }

  core::CountSystem system_;
  std::vector<bool> hidden_;
  std::vector<bool> small_;  // shown as "<5"
  std::vector<std::string> beyond_help_;
  std::vector<std::string> paths_;
  std::map<std::string, CategoryIds> categories_;
};

}  // namespace enlace::test
