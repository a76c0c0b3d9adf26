// The gap report as it may be shown: every count through suppression, linked figures together.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/disclosure_control.hpp"
#include "core/gap_report.hpp"

namespace enlace::core {

struct PublishedSupply {
  Cell services = Cell::shown(0);
  Cell capacity = Cell::shown(0);
};

struct PublishedCategory {
  std::string category;
  Cell demand = Cell::shown(0);
  std::map<std::string, Cell> referrals;   // current state -> count
  std::map<std::string, Cell> rejections;  // reason code -> count
  std::map<std::string, Cell> outcomes;    // outcome code -> count
  Cell unmet = Cell::shown(0);
  ResponseHours response_hours;            // already withheld below 5 responses
  Cell overdue = Cell::shown(0);
  PublishedSupply supply;
  // Withheld when demand or capacity is suppressed: the ratio would give the count back.
  std::optional<double> demand_per_supply;
  // Share answered within the standard; nullopt: "suppressed" (core::within_standard).
  std::optional<double> within_standard;
};

struct PublishedWeeklyRow {
  Date week_start;
  std::optional<std::string> category;
  Cell demand = Cell::shown(0);
  Cell referrals = Cell::shown(0);
  Cell unmet = Cell::shown(0);
};

struct PublishedTerritoryRow {
  std::string territory_id;
  std::string name;
  Cell demand = Cell::shown(0);
  Cell referrals = Cell::shown(0);
  Cell unmet = Cell::shown(0);
};

struct PublishedGroup {
  std::string group;
  std::vector<PublishedCategory> categories;
};

struct PublishedGapReport {
  GapQuery query;
  std::vector<PublishedCategory> categories;
  std::vector<PublishedWeeklyRow> weekly;
  std::vector<PublishedTerritoryRow> territories;
  std::vector<PublishedGroup> groups;
};

// Suppresses the whole report as one system of equations. A sum is declared between
// figures only where the raw numbers really add up (rejections by reason = referrals in
// state "rejected"; groups add up to the overall figure; a category's weeks add up to its
// period figure; per week, the categories add up to the all-categories row), since an
// equation that does not hold gives a reader nothing to solve.
PublishedGapReport publish(const GapReport& report);

}  // namespace enlace::core
