// Primary and complementary suppression of published counts (rules in disclosure_control.hpp).
#include "core/disclosure_control.hpp"

#include "core/linear_disclosure.hpp"

namespace enlace::core {

std::string Cell::text() const {
  if (value_) return std::to_string(*value_);
  return std::string(secondary_ ? kComplementaryText : kSuppressedText);
}

bool is_small_count(std::int64_t count) { return count >= 1 && count < kMinShownCount; }

Cell suppress_scalar(std::int64_t count) {
  return is_small_count(count) ? Cell::suppressed() : Cell::shown(count);
}

CountSystem::Id CountSystem::add(std::int64_t count) {
  counts_.push_back(count);
  unpublished_.push_back(false);
  return counts_.size() - 1;
}

void CountSystem::add_sum(Id total, std::vector<Id> parts) {
  sums_.push_back({total, std::move(parts)});
}

CountSystem::Id CountSystem::add_total_of(const std::vector<Id>& parts) {
  std::int64_t total = 0;
  for (auto p : parts) total += counts_[p];
  Id id = add(total);
  add_sum(id, parts);
  return id;
}

CountSystem::Id CountSystem::add_unpublished_total_of(const std::vector<Id>& parts) {
  Id id = add_total_of(parts);
  unpublished_[id] = true;
  return id;
}

namespace {
using Id = CountSystem::Id;

// Picks the complementary cell for a sum that exposes a hidden member: the smallest
// non-zero shown part (least information lost), else the total. Zeros are never picked:
// a zero is public knowledge, so hiding it protects nothing. Returns false if every
// member is already hidden or zero.
bool protect(const CountSystem& s, const CountSystem::Sum& sum, std::vector<bool>& hidden,
             std::vector<bool>& secondary) {
  std::optional<Id> best;
  for (auto p : sum.parts)
    if (!hidden[p] && s.count(p) > 0 && (!best || s.count(p) < s.count(*best))) best = p;
  if (!best && !hidden[sum.total] && s.count(sum.total) > 0) best = sum.total;
  if (!best) return false;
  hidden[*best] = true;
  secondary[*best] = true;
  return true;
}

// The reader knows each hidden count's range from its marker: "<5" is 1 to 4, "suppressed" is
// 5 or more. A sum exposes its hidden members when one is alone (subtraction recovers it), or
// when its shown total leaves a remainder that only one combination fits: the least the hidden
// members can add up to (every "<5" is 1 and every "suppressed" 5) or, when all are "<5", the
// most (every one is 4).
bool exposes(const CountSystem& s, const CountSystem::Sum& sum, const std::vector<bool>& hidden,
             const std::vector<bool>& secondary) {
  std::int64_t unknown = hidden[sum.total] ? 1 : 0;
  std::int64_t remainder = s.count(sum.total), least = 0, most = 0;
  bool bounded = true, any_published = hidden[sum.total] && s.is_published(sum.total);
  for (auto p : sum.parts) {
    if (!hidden[p]) {
      remainder -= s.count(p);
      continue;
    }
    ++unknown;
    any_published = any_published || s.is_published(p);
    if (!s.is_published(p)) {
      bounded = false;  // 0 or more: it adds nothing to the least
      continue;
    }
    least += secondary[p] ? kMinShownCount : 1;
    most += kMinShownCount - 1;
    bounded = bounded && !secondary[p];
  }
  if (!any_published) return false;  // working out an unpublished total gives nothing away
  if (unknown == 1) return true;
  if (unknown >= 2 && !hidden[sum.total]) return remainder == least || (bounded && remainder == most);
  return false;
}

// Protects a count the whole system pins down: tries the sums that mention it, then sums
// ever further away along shared counts. Hiding a nearby cell is what breaks the chain of
// equations that reveals it; if every sum nearby is exhausted, every non-zero count in the
// block is hidden, and then nothing in it can be solved.
bool protect_near(const CountSystem& s, Id id, std::vector<bool>& hidden,
                  std::vector<bool>& secondary) {
  std::vector<bool> reached(s.size(), false), sum_done(s.sums().size(), false);
  std::vector<Id> frontier{id};
  reached[id] = true;
  while (!frontier.empty()) {
    std::vector<Id> next;
    for (std::size_t k = 0; k < s.sums().size(); ++k) {
      const auto& sum = s.sums()[k];
      if (sum_done[k]) continue;
      bool touches = reached[sum.total];
      for (auto p : sum.parts) touches = touches || reached[p];
      if (!touches) continue;
      sum_done[k] = true;
      if (protect(s, sum, hidden, secondary)) return true;
      auto visit = [&](Id m) {
        if (!reached[m]) reached[m] = true, next.push_back(m);
      };
      visit(sum.total);
      for (auto p : sum.parts) visit(p);
    }
    frontier = std::move(next);
  }
  return false;
}

// What the reader knows of each count: "<5" for a primary suppression, "suppressed" for a
// complementary one.
std::vector<Known> known_of(const CountSystem& s, const std::vector<bool>& hidden,
                            const std::vector<bool>& secondary) {
  std::vector<Known> out(hidden.size(), Known::exact);
  for (std::size_t i = 0; i < hidden.size(); ++i)
    if (!s.is_published(i)) out[i] = Known::unpublished;
    else if (hidden[i]) out[i] = secondary[i] ? Known::large : Known::small;
  return out;
}
}  // namespace

std::vector<Cell> suppress(const CountSystem& s) {
  const std::size_t n = s.size();
  // An unpublished total is as unknown to the reader as a hidden count; it is never shown.
  std::vector<bool> hidden(n), secondary(n, false);
  for (Id i = 0; i < n; ++i) hidden[i] = !s.is_published(i) || is_small_count(s.count(i));

  // What the ranges pin down even with every non-zero count hidden (four "<5" parts of a "<5"
  // total are each 1) no further suppression can protect: chasing it would hide the report.
  std::vector<bool> all_hidden(n), all_large(n);
  for (Id i = 0; i < n; ++i) {
    all_hidden[i] = s.count(i) != 0;
    all_large[i] = !is_small_count(s.count(i));
  }
  const auto beyond_help = pinned_by_ranges(s, known_of(s, all_hidden, all_large));

  // Each pass hides at least one more shown count or stops, so this ends within n passes.
  for (bool changed = true; changed;) {
    changed = false;
    // Cheap, local rule first: one equation at a time, as a reader with a pencil would.
    for (const auto& sum : s.sums())
      if (exposes(s, sum, hidden, secondary) && protect(s, sum, hidden, secondary)) changed = true;
    if (changed) continue;
    // Then the whole system at once: a suppressed cell can be pinned down by combining
    // equations none of which reveals it alone, exactly (linear algebra) or by narrowing the
    // ranges the markers give through chains of sums.
    auto determined = determined_counts(s, hidden);
    for (Id i = 0; i < n && !changed; ++i)
      if (determined[i] && s.is_published(i) && protect_near(s, i, hidden, secondary)) changed = true;
    if (changed) continue;
    auto pinned = pinned_by_ranges(s, known_of(s, hidden, secondary));
    for (Id i = 0; i < n && !changed; ++i)
      if (pinned[i] && s.is_published(i) && !beyond_help[i] && protect_near(s, i, hidden, secondary))
        changed = true;
  }

  std::vector<Cell> out;
  out.reserve(n);
  for (Id i = 0; i < n; ++i)
    out.push_back(hidden[i] ? Cell::suppressed(secondary[i]) : Cell::shown(s.count(i)));
  return out;
}

TableIds add_table(CountSystem& s, const CountTable& t) {
  TableIds ids;
  const std::size_t cols = t.col_labels.size();
  for (std::size_t r = 0; r < t.row_labels.size(); ++r) {
    std::vector<Id> row;
    for (std::size_t c = 0; c < cols; ++c) {
      bool present = r < t.cells.size() && c < t.cells[r].size();
      row.push_back(s.add(present ? t.cells[r][c] : 0));
    }
    ids.cells.push_back(std::move(row));
  }
  if (t.with_row_totals)
    for (const auto& row : ids.cells) ids.row_totals.push_back(s.add_total_of(row));
  if (t.with_col_totals)
    for (std::size_t c = 0; c < cols; ++c) {
      std::vector<Id> column;
      for (const auto& row : ids.cells) column.push_back(row[c]);
      ids.col_totals.push_back(s.add_total_of(column));
    }
  // With both margins shown the grand total is known anyway (it is the sum of either), so
  // it is treated as published and both equations bind it.
  if (t.with_row_totals && t.with_col_totals) {
    ids.grand_total = s.add_total_of(ids.row_totals);
    s.add_sum(*ids.grand_total, ids.col_totals);
  }
  return ids;
}

SuppressedTable read_table(const CountTable& t, const TableIds& ids,
                           const std::vector<Cell>& cells) {
  SuppressedTable out{t.row_labels, t.col_labels, {}, {}, {}, std::nullopt};
  for (const auto& row : ids.cells) {
    std::vector<Cell> shown;
    for (auto id : row) shown.push_back(cells[id]);
    out.cells.push_back(std::move(shown));
  }
  for (auto id : ids.row_totals) out.row_totals.push_back(cells[id]);
  for (auto id : ids.col_totals) out.col_totals.push_back(cells[id]);
  if (ids.grand_total) out.grand_total = cells[*ids.grand_total];
  return out;
}

SuppressedTable suppress(const CountTable& t) {
  CountSystem s;
  auto ids = add_table(s, t);
  return read_table(t, ids, suppress(s));
}

}  // namespace enlace::core
