// JSON and CSV of the published gap report: see gap_report_format.hpp.
#include "gateway/gap_report_format.hpp"

#include "gateway/csv.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <optional>
#include <sstream>

namespace enlace::gateway {

namespace bj = boost::json;

namespace {

bj::value cell_json(const core::Cell& c) {
  if (auto v = c.value()) return bj::value(*v);
  return bj::value(c.text());
}

// One decimal is as precise as hours of response deserve; ratios of demand to capacity
// are mostly below one and keep two.
std::optional<double> rounded(std::optional<double> v, double scale = 10.0) {
  if (!v) return std::nullopt;
  return std::round(*v * scale) / scale;
}

bj::value number_or_null(std::optional<double> v, double scale = 10.0) {
  if (auto r = rounded(v, scale)) return bj::value(*r);
  return nullptr;
}

bj::object cells_json(const std::map<std::string, core::Cell>& m) {
  bj::object o;
  for (const auto& [key, c] : m) o[key] = cell_json(c);
  return o;
}

bj::object category_json(const core::PublishedCategory& c, bool with_supply) {
  bj::object o{{"category", c.category},
               {"demand", cell_json(c.demand)},
               {"referrals", cells_json(c.referrals)},
               {"rejections", cells_json(c.rejections)},
               {"outcomes", cells_json(c.outcomes)},
               {"within_standard", c.within_standard ? bj::value(std::round(*c.within_standard * 1000.0) / 1000.0)
                                                     : bj::value("suppressed")},
               {"unmet", cell_json(c.unmet)},
               {"response_hours",
                {{"median", number_or_null(c.response_hours.median)},
                 {"p90", number_or_null(c.response_hours.p90)}}},
               {"overdue", cell_json(c.overdue)}};
  // Services have no sex, age or nationality: groups carry demand-side figures only.
  if (with_supply) {
    o["supply"] = {{"services", cell_json(c.supply.services)},
                   {"capacity", cell_json(c.supply.capacity)}};
    o["demand_per_supply"] = number_or_null(c.demand_per_supply, 100.0);
  }
  return o;
}

struct CsvLine {
  std::string section, group, territory_id, territory_name, week_start, category, measure, key,
      value;
};

class CsvWriter {
 public:
  explicit CsvWriter(const core::PublishedGapReport& r)
      : from_(core::format_date(r.query.from)),
        to_(core::format_date(r.query.to)),
        by_(r.query.by ? std::string(core::to_string(*r.query.by)) : std::string()) {
    out_ = "from,to,section,by,group,territory_id,territory_name,week_start,category,measure,key,value\r\n";
  }
  void line(const CsvLine& l) {
    append_csv_row(out_, {from_, to_, l.section, by_, l.group, l.territory_id, l.territory_name,
                          l.week_start, l.category, l.measure, l.key, l.value});
  }
  std::string str() const { return out_; }

 private:
  std::string from_, to_, by_;
  std::string out_;
};

std::string number_text(std::optional<double> v, double scale = 10.0) {
  auto r = rounded(v, scale);
  if (!r) return {};
  std::ostringstream s;
  s << *r;
  return s.str();
}

void category_lines(CsvWriter& w, const core::PublishedCategory& c, CsvLine base, bool with_supply) {
  base.category = c.category;
  auto put = [&](const char* measure, std::string key, std::string value) {
    CsvLine l = base;
    l.measure = measure;
    l.key = std::move(key);
    l.value = std::move(value);
    w.line(l);
  };
  put("demand", "", c.demand.text());
  for (const auto& [state, cell] : c.referrals) put("referrals", state, cell.text());
  for (const auto& [reason, cell] : c.rejections) put("rejections", reason, cell.text());
  for (const auto& [code, cell] : c.outcomes) put("outcomes", code, cell.text());
  put("within_standard", "", c.within_standard ? number_text(c.within_standard, 1000.0) : "suppressed");
  put("unmet", "", c.unmet.text());
  put("overdue", "", c.overdue.text());
  put("response_hours", "median", number_text(c.response_hours.median));
  put("response_hours", "p90", number_text(c.response_hours.p90));
  if (with_supply) {
    put("supply", "services", c.supply.services.text());
    put("supply", "capacity", c.supply.capacity.text());
    put("demand_per_supply", "", number_text(c.demand_per_supply, 100.0));
  }
}

}  // namespace

bj::object gap_report_json(const core::PublishedGapReport& r) {
  bj::object o;
  o["from"] = core::format_date(r.query.from);
  o["to"] = core::format_date(r.query.to);
  o["territory_id"] = r.query.territory_id ? bj::value(*r.query.territory_id) : bj::value(nullptr);
  bj::array categories;
  for (const auto& c : r.categories) categories.push_back(category_json(c, true));
  o["categories"] = std::move(categories);
  bj::array weekly;
  for (const auto& w : r.weekly)
    weekly.push_back({{"week_start", core::format_date(w.week_start)},
                      {"category", w.category ? bj::value(*w.category) : bj::value(nullptr)},
                      {"demand", cell_json(w.demand)},
                      {"referrals", cell_json(w.referrals)},
                      {"unmet", cell_json(w.unmet)}});
  o["weekly"] = std::move(weekly);
  bj::array territories;
  for (const auto& t : r.territories)
    territories.push_back({{"territory_id", t.territory_id},
                           {"name", t.name},
                           {"demand", cell_json(t.demand)},
                           {"referrals", cell_json(t.referrals)},
                           {"unmet", cell_json(t.unmet)}});
  o["territories"] = std::move(territories);
  if (r.query.by) {
    o["by"] = core::to_string(*r.query.by);
    bj::array groups;
    for (const auto& g : r.groups) {
      bj::array cats;
      for (const auto& c : g.categories) cats.push_back(category_json(c, false));
      groups.push_back({{"group", g.group}, {"categories", std::move(cats)}});
    }
    o["groups"] = std::move(groups);
  }
  return o;
}

std::string gap_report_csv(const core::PublishedGapReport& r) {
  CsvWriter w(r);
  CsvLine base;
  base.territory_id = r.query.territory_id.value_or("");
  base.section = "category";
  for (const auto& c : r.categories) category_lines(w, c, base, true);
  base.section = "group";
  for (const auto& g : r.groups) {
    base.group = g.group;
    for (const auto& c : g.categories) category_lines(w, c, base, false);
  }
  base.group.clear();
  base.section = "weekly";
  for (const auto& row : r.weekly) {
    CsvLine l = base;
    l.week_start = core::format_date(row.week_start);
    l.category = row.category.value_or("");
    for (auto [measure, cell] : {std::pair{"demand", &row.demand}, std::pair{"referrals", &row.referrals},
                                 std::pair{"unmet", &row.unmet}}) {
      l.measure = measure;
      l.value = cell->text();
      w.line(l);
    }
  }
  for (const auto& t : r.territories) {
    CsvLine l;
    l.section = "territory";
    l.territory_id = t.territory_id;
    l.territory_name = t.name;
    for (auto [measure, cell] : {std::pair{"demand", &t.demand}, std::pair{"referrals", &t.referrals},
                                 std::pair{"unmet", &t.unmet}}) {
      l.measure = measure;
      l.value = cell->text();
      w.line(l);
    }
  }
  return w.str();
}

}  // namespace enlace::gateway
