// Builds one CountSystem from a GapReport, suppresses it, and reads the cells back.
#include "core/gap_report_disclosure.hpp"

#include <functional>

namespace enlace::core {

namespace {
using Id = CountSystem::Id;

struct CategoryIds {
  Id demand, unmet, overdue, services, capacity;
  std::map<std::string, Id> referrals, rejections, outcomes;
};

struct Builder {
  CountSystem system;

  CategoryIds add(const CategoryFigures& f) {
    CategoryIds ids{system.add(f.demand), system.add(f.unmet), system.add(f.overdue),
                    system.add(f.supply.services), system.add(f.supply.capacity), {}, {}, {}};
    for (const auto& [state, n] : f.referrals) ids.referrals[state] = system.add(n);
    for (const auto& [reason, n] : f.rejections) ids.rejections[reason] = system.add(n);
    for (const auto& [code, n] : f.outcomes) ids.outcomes[code] = system.add(n);
    auto rejected = ids.referrals.find("rejected");
    if (rejected != ids.referrals.end()) {
      std::vector<Id> parts;
      for (const auto& [reason, id] : ids.rejections) parts.push_back(id);
      sum_if_true(rejected->second, parts);
    }
    // Outcome codes are given when a referral ends: when every ended referral has one, they
    // add up to the completed and failed ones, and a reader could subtract.
    auto completed = ids.referrals.find("completed"), failed = ids.referrals.find("failed");
    if (completed != ids.referrals.end() && failed != ids.referrals.end() && !ids.outcomes.empty()) {
      std::vector<Id> parts;
      for (const auto& [code, id] : ids.outcomes) parts.push_back(id);
      std::int64_t coded = 0;
      for (auto p : parts) coded += system.count(p);
      if (coded == system.count(completed->second) + system.count(failed->second))
        system.add_sum(system.add_unpublished_total_of({completed->second, failed->second}), parts);
    }
    return ids;
  }

  void sum_if_true(Id total, const std::vector<Id>& parts) {
    if (parts.empty()) return;
    std::int64_t sum = 0;
    for (auto p : parts) sum += system.count(p);
    if (sum == system.count(total)) system.add_sum(total, parts);
  }
};

// For each figure of the overall category, the same figure across groups adds up to it.
void link_groups(Builder& b, const CategoryIds& overall,
                 const std::vector<const CategoryIds*>& in_groups) {
  auto link = [&](Id total, const std::function<std::optional<Id>(const CategoryIds&)>& pick) {
    std::vector<Id> parts;
    for (const auto* g : in_groups)
      if (auto id = pick(*g)) parts.push_back(*id);
    b.sum_if_true(total, parts);
  };
  link(overall.demand, [](const CategoryIds& g) { return std::optional<Id>(g.demand); });
  link(overall.unmet, [](const CategoryIds& g) { return std::optional<Id>(g.unmet); });
  link(overall.overdue, [](const CategoryIds& g) { return std::optional<Id>(g.overdue); });
  auto keyed = [&](const std::map<std::string, Id>& totals, auto member) {
    // Not a structured binding: clang 14 (the fuzz build) refuses to capture one.
    for (const auto& entry : totals) {
      const std::string& key = entry.first;
      link(entry.second, [&](const CategoryIds& g) -> std::optional<Id> {
        auto it = (g.*member).find(key);
        if (it == (g.*member).end()) return std::nullopt;
        return it->second;
      });
    }
  };
  keyed(overall.referrals, &CategoryIds::referrals);
  keyed(overall.rejections, &CategoryIds::rejections);
  keyed(overall.outcomes, &CategoryIds::outcomes);
}

PublishedCategory read(const CategoryFigures& f, const CategoryIds& ids,
                       const std::vector<Cell>& cells) {
  PublishedCategory p;
  p.category = f.category;
  p.demand = cells[ids.demand];
  p.unmet = cells[ids.unmet];
  p.overdue = cells[ids.overdue];
  p.supply = {cells[ids.services], cells[ids.capacity]};
  for (const auto& [state, id] : ids.referrals) p.referrals.emplace(state, cells[id]);
  for (const auto& [reason, id] : ids.rejections) p.rejections.emplace(reason, cells[id]);
  for (const auto& [code, id] : ids.outcomes) p.outcomes.emplace(code, cells[id]);
  p.response_hours = f.response_hours;
  p.within_standard = within_standard(f);
  if (!p.demand.is_suppressed() && !p.supply.capacity.is_suppressed())
    p.demand_per_supply = demand_per_supply(f);
  return p;
}

struct RowIds {
  Id demand, referrals, unmet;
};
}  // namespace

PublishedGapReport publish(const GapReport& r) {
  Builder b;
  std::vector<CategoryIds> overall;
  for (const auto& f : r.categories) overall.push_back(b.add(f));

  std::vector<std::vector<CategoryIds>> groups;
  for (const auto& g : r.groups) {
    groups.emplace_back();
    for (const auto& f : g.categories) groups.back().push_back(b.add(f));
  }
  for (std::size_t c = 0; c < r.categories.size(); ++c) {
    std::vector<const CategoryIds*> in_groups;
    for (std::size_t g = 0; g < r.groups.size(); ++g)
      for (std::size_t k = 0; k < r.groups[g].categories.size(); ++k)
        if (r.groups[g].categories[k].category == r.categories[c].category)
          in_groups.push_back(&groups[g][k]);
    link_groups(b, overall[c], in_groups);
  }

  std::vector<RowIds> weekly;
  for (const auto& w : r.weekly)
    weekly.push_back({b.system.add(w.demand), b.system.add(w.referrals), b.system.add(w.unmet)});
  // A category's weeks add up to its period figures, where storage counted them alike.
  for (std::size_t c = 0; c < r.categories.size(); ++c) {
    std::vector<Id> demand, unmet;
    for (std::size_t i = 0; i < r.weekly.size(); ++i)
      if (r.weekly[i].category == r.categories[c].category)
        demand.push_back(weekly[i].demand), unmet.push_back(weekly[i].unmet);
    b.sum_if_true(overall[c].demand, demand);
    b.sum_if_true(overall[c].unmet, unmet);
  }
  // Per week, the rows of each category add up to the all-categories row.
  for (std::size_t i = 0; i < r.weekly.size(); ++i) {
    if (r.weekly[i].category) continue;
    std::vector<Id> demand, referrals, unmet;
    for (std::size_t j = 0; j < r.weekly.size(); ++j)
      if (r.weekly[j].category && r.weekly[j].week_start == r.weekly[i].week_start) {
        demand.push_back(weekly[j].demand);
        referrals.push_back(weekly[j].referrals);
        unmet.push_back(weekly[j].unmet);
      }
    b.sum_if_true(weekly[i].demand, demand);
    b.sum_if_true(weekly[i].referrals, referrals);
    b.sum_if_true(weekly[i].unmet, unmet);
  }

  // A category's referrals by state add up to its weekly referral rows, through their total,
  // which is not published: the reader learns it only from the weeks.
  std::vector<Id> referral_totals;
  for (std::size_t c = 0; c < r.categories.size(); ++c) {
    std::vector<Id> states, weeks;
    for (const auto& [state, id] : overall[c].referrals) states.push_back(id);
    for (std::size_t i = 0; i < r.weekly.size(); ++i)
      if (r.weekly[i].category == r.categories[c].category) weeks.push_back(weekly[i].referrals);
    referral_totals.push_back(b.system.add_unpublished_total_of(states));
    b.sum_if_true(referral_totals.back(), weeks);
  }

  // The territory rows add up to the report's totals across categories (storage adds a row
  // for the territory itself so that they do); those totals, unpublished, link them.
  std::vector<RowIds> territories;
  for (const auto& t : r.territories)
    territories.push_back(
        {b.system.add(t.demand), b.system.add(t.referrals), b.system.add(t.unmet)});
  if (!territories.empty()) {
    std::vector<Id> demand, unmet, t_demand, t_referrals, t_unmet;
    for (const auto& ids : overall) demand.push_back(ids.demand), unmet.push_back(ids.unmet);
    for (const auto& t : territories)
      t_demand.push_back(t.demand), t_referrals.push_back(t.referrals), t_unmet.push_back(t.unmet);
    b.sum_if_true(b.system.add_unpublished_total_of(demand), t_demand);
    b.sum_if_true(b.system.add_unpublished_total_of(referral_totals), t_referrals);
    b.sum_if_true(b.system.add_unpublished_total_of(unmet), t_unmet);
  }

  const auto cells = suppress(b.system);

  PublishedGapReport out;
  out.query = r.query;
  for (std::size_t c = 0; c < r.categories.size(); ++c)
    out.categories.push_back(read(r.categories[c], overall[c], cells));
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    PublishedGroup pg{r.groups[g].group, {}};
    for (std::size_t k = 0; k < r.groups[g].categories.size(); ++k)
      pg.categories.push_back(read(r.groups[g].categories[k], groups[g][k], cells));
    out.groups.push_back(std::move(pg));
  }
  for (std::size_t i = 0; i < r.weekly.size(); ++i)
    out.weekly.push_back({r.weekly[i].week_start, r.weekly[i].category, cells[weekly[i].demand],
                          cells[weekly[i].referrals], cells[weekly[i].unmet]});
  for (std::size_t i = 0; i < r.territories.size(); ++i)
    out.territories.push_back({r.territories[i].territory_id, r.territories[i].name,
                               cells[territories[i].demand], cells[territories[i].referrals],
                               cells[territories[i].unmet]});
  return out;
}

}  // namespace enlace::core
