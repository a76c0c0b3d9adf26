#include "core/disclosure_control.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/linear_disclosure.hpp"

using namespace enlace::core;

namespace {
const Cell S = Cell::suppressed();

// Compares only what a reader sees: the value, "<5" or "suppressed".
std::vector<std::string> texts(const std::vector<Cell>& cells) {
  std::vector<std::string> out;
  for (const auto& c : cells) out.push_back(c.text());
  return out;
}
using Texts = std::vector<std::string>;

CountTable table(std::vector<std::vector<std::int64_t>> cells, bool row_totals = true,
                 bool col_totals = true) {
  CountTable t;
  for (std::size_t r = 0; r < cells.size(); ++r) t.row_labels.push_back("r" + std::to_string(r));
  for (std::size_t c = 0; c < (cells.empty() ? 0 : cells[0].size()); ++c)
    t.col_labels.push_back("c" + std::to_string(c));
  t.cells = std::move(cells);
  t.with_row_totals = row_totals;
  t.with_col_totals = col_totals;
  return t;
}
}  // namespace

TEST(Suppress, ScalarHidesOneToFourOnly) {
  EXPECT_EQ(suppress_scalar(0).text(), "0");
  EXPECT_EQ(suppress_scalar(1).text(), "<5");
  EXPECT_EQ(suppress_scalar(4).text(), "<5");
  EXPECT_EQ(suppress_scalar(5).text(), "5");
  EXPECT_EQ(suppress_scalar(120).value(), 120);
  EXPECT_TRUE(suppress_scalar(3).is_suppressed());
  EXPECT_FALSE(suppress_scalar(3).is_secondary());
}

TEST(Suppress, WithoutPublishedTotalsOnlyPrimaryApplies) {
  auto out = suppress(table({{3, 10, 0}, {7, 1, 5}}, false, false));
  EXPECT_EQ(texts(out.cells[0]), (Texts{"<5", "10", "0"}));
  EXPECT_EQ(texts(out.cells[1]), (Texts{"7", "<5", "5"}));
  EXPECT_TRUE(out.row_totals.empty());
  EXPECT_TRUE(out.col_totals.empty());
  EXPECT_FALSE(out.grand_total);
}

TEST(Suppress, LoneSmallCellInARowTakesTheNextSmallestWithIt) {
  // 20 - 10 - 7 would give the 3 back, so the 7 is hidden too.
  auto out = suppress(table({{3, 10, 7}, {6, 8, 9}}, true, false));
  EXPECT_EQ(texts(out.cells[0]), (Texts{"<5", "10", "suppressed"}));
  EXPECT_TRUE(out.cells[0][2].is_secondary());
  EXPECT_EQ(texts(out.cells[1]), (Texts{"6", "8", "9"}));
  EXPECT_EQ(texts(out.row_totals), (Texts{"20", "23"}));
}

TEST(Suppress, ZeroIsNeverTheComplementaryCell) {
  auto out = suppress(table({{2, 0, 9}}, true, false));
  EXPECT_EQ(texts(out.cells[0]), (Texts{"<5", "0", "suppressed"}));
  EXPECT_EQ(out.row_totals[0].text(), "11");
}

TEST(Suppress, SmallTotalIsItselfSuppressed) {
  auto out = suppress(table({{3, 0, 0}, {1, 1, 0}}, true, false));
  EXPECT_EQ(texts(out.cells[0]), (Texts{"<5", "0", "0"}));
  EXPECT_EQ(texts(out.row_totals), (Texts{"<5", "<5"}));
}

TEST(Suppress, TotalIsHiddenWhenNoNonZeroCellIsLeft) {
  // Two "<5" cells adding to a shown 8 can only be 4 and 4; no shown cell is left to hide.
  auto out = suppress(table({{4, 4, 0}}, true, false));
  EXPECT_EQ(texts(out.cells[0]), (Texts{"<5", "<5", "0"}));
  EXPECT_EQ(out.row_totals[0].text(), "suppressed");
  EXPECT_TRUE(out.row_totals[0].is_secondary());
}

TEST(Suppress, ComplementaryCellSaysSuppressedNeverLessThanFive) {
  // A planner reading "<5" for 50 would under-plan: the marker tells the two apart.
  auto out = suppress(table({{3, 50, 60}}, true, false));
  EXPECT_EQ(texts(out.cells[0]), (Texts{"<5", "suppressed", "60"}));
  EXPECT_EQ(Cell::suppressed(true).text(), "suppressed");
  EXPECT_EQ(Cell::suppressed(false).text(), "<5");
}

TEST(Suppress, ComplementaryCellAtItsLowestWouldGiveTheSmallOneAway) {
  // 16 - 10 = 6 = 1 + 5: a "<5" beside a "suppressed" is then 1 and 5 exactly (the least
  // each marker allows), so a second complementary cell is needed.
  auto out = suppress(table({{1, 5, 10}}, true, false));
  EXPECT_EQ(texts(out.cells[0]), (Texts{"<5", "suppressed", "suppressed"}));
  EXPECT_EQ(out.row_totals[0].text(), "16");
}

TEST(Suppress, SmallCellsAtTheirHighestAreProtectedToo) {
  // 18 - 10 = 8 = 4 + 4: two "<5" are then both 4.
  auto out = suppress(table({{4, 4, 10}}, true, false));
  EXPECT_EQ(texts(out.cells[0]), (Texts{"<5", "<5", "suppressed"}));
}

TEST(Suppress, HidingInARowExposesAColumnAndIsFollowedThrough) {
  auto out = suppress(table({{3, 10}, {8, 9}}));
  EXPECT_EQ(texts(out.cells[0]), (Texts{"<5", "suppressed"}));
  EXPECT_EQ(texts(out.cells[1]), (Texts{"suppressed", "suppressed"}));
  EXPECT_EQ(texts(out.row_totals), (Texts{"13", "17"}));
  EXPECT_EQ(texts(out.col_totals), (Texts{"11", "19"}));
  EXPECT_EQ(out.grand_total->text(), "30");
}

TEST(Suppress, SmallColumnTotalIsNotLeftToTheGrandTotal) {
  // Column 1 totals 2; the grand total minus column 0's total would give it back.
  auto out = suppress(table({{10, 1}, {12, 1}}));
  for (const auto& row : out.cells) EXPECT_EQ(texts(row), (Texts{"suppressed", "<5"}));
  EXPECT_EQ(texts(out.row_totals), (Texts{"11", "13"}));
  EXPECT_EQ(texts(out.col_totals), (Texts{"suppressed", "<5"}));
  EXPECT_EQ(out.grand_total->text(), "24");
}

TEST(Suppress, ShownValuesAreTheTrueCounts) {
  auto out = suppress(table({{3, 10, 7}, {6, 8, 9}}));
  EXPECT_EQ(out.cells[1][1].value(), 8);
  EXPECT_EQ(out.grand_total->value(), 43);
}

TEST(Suppress, BridgeBetweenTwoBlocksIsCaughtByLinearAlgebra) {
  // Rows 0-1 x cols 0-1 and rows 2-3 x cols 2-3 are blocks of small counts, joined by the
  // small cell (0,2). Every row and column has at least two hidden cells, yet
  // (rows 0+1) - (cols 0+1) isolates (0,2).
  std::vector<std::vector<std::int64_t>> cells(5, std::vector<std::int64_t>(5, 10));
  cells[0][0] = 2, cells[0][1] = 3, cells[1][0] = 4, cells[1][1] = 2;
  cells[2][2] = 3, cells[2][3] = 2, cells[3][2] = 4, cells[3][3] = 1;
  cells[0][2] = 3;
  CountTable t = table(cells);

  CountSystem primary_only;
  auto ids = add_table(primary_only, t);
  std::vector<bool> hidden(primary_only.size());
  for (std::size_t i = 0; i < hidden.size(); ++i) hidden[i] = is_small_count(primary_only.count(i));
  EXPECT_TRUE(determined_counts(primary_only, hidden)[ids.cells[0][2]]);

  auto cells_out = suppress(primary_only);
  std::vector<bool> after(cells_out.size());
  for (std::size_t i = 0; i < after.size(); ++i) after[i] = cells_out[i].is_suppressed();
  for (bool d : determined_counts(primary_only, after)) EXPECT_FALSE(d);
  EXPECT_TRUE(cells_out[ids.cells[0][2]].is_suppressed());
}

TEST(Suppress, LinkedFiguresShareOneSystem) {
  // Rejections by reason add up to the referrals shown in state "rejected".
  CountSystem s;
  auto rejected = s.add(9);
  auto no_capacity = s.add(6), outside_area = s.add(3), other = s.add(0);
  s.add_sum(rejected, {no_capacity, outside_area, other});
  auto out = suppress(s);
  EXPECT_EQ(texts(out), (Texts{"9", "suppressed", "<5", "0"}));
}

namespace {
// What a reader holds: the grid with its margins (row r of cells, then the row totals
// column; the column totals as an extra row; the grand total in the corner), and which
// entries are shown.
struct Grid {
  std::size_t rows, cols;
  std::vector<std::vector<std::optional<std::int64_t>>> v;  // (rows+1) x (cols+1)
};

Grid reader_view(const SuppressedTable& t) {
  Grid g{t.cells.size(), t.col_labels.size(), {}};
  g.v.assign(g.rows + 1, std::vector<std::optional<std::int64_t>>(g.cols + 1));
  for (std::size_t r = 0; r < g.rows; ++r)
    for (std::size_t c = 0; c < g.cols; ++c) g.v[r][c] = t.cells[r][c].value();
  for (std::size_t r = 0; r < t.row_totals.size(); ++r) g.v[r][g.cols] = t.row_totals[r].value();
  for (std::size_t c = 0; c < t.col_totals.size(); ++c) g.v[g.rows][c] = t.col_totals[c].value();
  if (t.grand_total) g.v[g.rows][g.cols] = t.grand_total->value();
  return g;
}

using Pos = std::pair<std::size_t, std::size_t>;

// Every published equation "total = sum of parts", as positions in the grid.
std::vector<std::pair<Pos, std::vector<Pos>>> equations(const Grid& g, bool row_totals,
                                                        bool col_totals) {
  std::vector<std::pair<Pos, std::vector<Pos>>> eqs;
  if (row_totals)
    for (std::size_t r = 0; r < g.rows; ++r) {
      std::vector<Pos> parts;
      for (std::size_t c = 0; c < g.cols; ++c) parts.push_back({r, c});
      eqs.push_back({{r, g.cols}, parts});
    }
  if (col_totals)
    for (std::size_t c = 0; c < g.cols; ++c) {
      std::vector<Pos> parts;
      for (std::size_t r = 0; r < g.rows; ++r) parts.push_back({r, c});
      eqs.push_back({{g.rows, c}, parts});
    }
  if (row_totals && col_totals) {
    std::vector<Pos> by_rows, by_cols;
    for (std::size_t r = 0; r < g.rows; ++r) by_rows.push_back({r, g.cols});
    for (std::size_t c = 0; c < g.cols; ++c) by_cols.push_back({g.rows, c});
    eqs.push_back({{g.rows, g.cols}, by_rows});
    eqs.push_back({{g.rows, g.cols}, by_cols});
  }
  return eqs;
}

// Solves every equation with exactly one unknown, repeatedly, since a solved entry becomes
// known. Returns how many hidden entries it recovered.
int peeling_attack(Grid g, bool row_totals, bool col_totals) {
  auto eqs = equations(g, row_totals, col_totals);
  int recovered = 0;
  for (bool progress = true; progress;) {
    progress = false;
    for (const auto& [total, parts] : eqs) {
      std::vector<Pos> unknown;
      std::int64_t known_parts = 0;
      for (auto p : parts) {
        if (g.v[p.first][p.second])
          known_parts += *g.v[p.first][p.second];
        else
          unknown.push_back(p);
      }
      bool total_known = g.v[total.first][total.second].has_value();
      if (total_known && unknown.size() == 1) {
        g.v[unknown[0].first][unknown[0].second] = *g.v[total.first][total.second] - known_parts;
      } else if (!total_known && unknown.empty()) {
        g.v[total.first][total.second] = known_parts;
      } else {
        continue;
      }
      ++recovered;
      progress = true;
    }
  }
  return recovered;
}
}  // namespace

RC_GTEST_PROP(SuppressProperty, NoSmallCountIsShownOrRecoverable, ()) {
  const auto rows = *rc::gen::inRange<std::size_t>(1, 7);
  const auto cols = *rc::gen::inRange<std::size_t>(1, 7);
  // Small counts are frequent on purpose: half the draws are 0..5.
  const auto cell = rc::gen::oneOf(rc::gen::inRange<std::int64_t>(0, 6),
                                   rc::gen::inRange<std::int64_t>(0, 21));
  std::vector<std::vector<std::int64_t>> cells(rows);
  for (auto& row : cells) row = *rc::gen::container<std::vector<std::int64_t>>(cols, cell);
  const bool row_totals = *rc::gen::arbitrary<bool>();
  const bool col_totals = *rc::gen::arbitrary<bool>();

  const auto t = table(cells, row_totals, col_totals);
  const auto out = suppress(t);
  const Grid g = reader_view(out);

  // (a) nothing shown is 1..4, totals included; and what is shown is the truth.
  std::vector<std::int64_t> row_sum(rows, 0), col_sum(cols, 0);
  std::int64_t grand = 0;
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      row_sum[r] += cells[r][c], col_sum[c] += cells[r][c], grand += cells[r][c];
      if (g.v[r][c]) RC_ASSERT(*g.v[r][c] == cells[r][c]);
    }
  for (std::size_t r = 0; r <= rows; ++r)
    for (std::size_t c = 0; c <= cols; ++c)
      if (g.v[r][c]) RC_ASSERT(!is_small_count(*g.v[r][c]));
  for (std::size_t r = 0; r < out.row_totals.size(); ++r)
    if (g.v[r][cols]) RC_ASSERT(*g.v[r][cols] == row_sum[r]);
  for (std::size_t c = 0; c < out.col_totals.size(); ++c)
    if (g.v[rows][c]) RC_ASSERT(*g.v[rows][c] == col_sum[c]);
  if (out.grand_total && g.v[rows][cols]) RC_ASSERT(*g.v[rows][cols] == grand);

  // (b) no hidden entry falls to repeated single-unknown equations.
  RC_ASSERT(peeling_attack(g, row_totals, col_totals) == 0);
}

RC_GTEST_PROP(SuppressProperty, NoHiddenCountIsALinearConsequenceOfTheShownOnes, ()) {
  const auto rows = *rc::gen::inRange<std::size_t>(1, 7);
  const auto cols = *rc::gen::inRange<std::size_t>(1, 7);
  std::vector<std::vector<std::int64_t>> cells(rows);
  for (auto& row : cells)
    row = *rc::gen::container<std::vector<std::int64_t>>(cols, rc::gen::inRange<std::int64_t>(0, 21));
  CountSystem s;
  add_table(s, table(cells));
  const auto out = suppress(s);
  std::vector<bool> hidden(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) hidden[i] = out[i].is_suppressed();
  for (bool d : determined_counts(s, hidden)) RC_ASSERT(!d);
}

RC_GTEST_PROP(SuppressProperty, NoSmallCountIsPinnedByTheRangesTheMarkersGive, ()) {
  // "<5" is 1 to 4 and "suppressed" 5 or more: a reader narrowing those ranges through the
  // sums must not land on one value for a "<5", unless nothing could prevent it (every
  // non-zero count hidden pins it too: four "<5" parts of a "<5" total).
  const auto rows = *rc::gen::inRange<std::size_t>(1, 6);
  const auto cols = *rc::gen::inRange<std::size_t>(1, 6);
  const auto cell = rc::gen::oneOf(rc::gen::inRange<std::int64_t>(0, 6), rc::gen::inRange<std::int64_t>(0, 13));
  std::vector<std::vector<std::int64_t>> cells(rows);
  for (auto& row : cells) row = *rc::gen::container<std::vector<std::int64_t>>(cols, cell);
  CountSystem s;
  add_table(s, table(cells, *rc::gen::arbitrary<bool>(), *rc::gen::arbitrary<bool>()));
  const auto out = suppress(s);
  std::vector<Known> known(out.size()), everything_hidden(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!out[i].is_suppressed()) known[i] = Known::exact;
    else known[i] = out[i].is_secondary() ? Known::large : Known::small;
    RC_ASSERT(!out[i].is_secondary() || s.count(i) >= kMinShownCount);
    if (s.count(i) == 0) everything_hidden[i] = Known::exact;
    else everything_hidden[i] = is_small_count(s.count(i)) ? Known::small : Known::large;
  }
  const auto pinned = pinned_by_ranges(s, known);
  const auto beyond_help = pinned_by_ranges(s, everything_hidden);
  for (std::size_t i = 0; i < out.size(); ++i)
    if (known[i] == Known::small && pinned[i]) RC_ASSERT(beyond_help[i]);
}

TEST(Suppress, RangesPinFourSmallPartsOfASmallTotal) {
  // Nothing shown can be hidden to help here; the report says so (docs/SECURITY.md).
  CountSystem s;
  auto total = s.add(4);
  std::vector<CountSystem::Id> parts{s.add(1), s.add(1), s.add(1), s.add(1)};
  s.add_sum(total, parts);
  std::vector<Known> known(5, Known::small);
  for (bool p : pinned_by_ranges(s, known)) EXPECT_TRUE(p);
  auto out = suppress(s);
  for (const auto& c : out) EXPECT_EQ(c.text(), "<5");
}

TEST(Suppress, RangesNarrowedThroughAChainOfSumsAreProtected) {
  // x = y + z and z = u + v, with x = 7, y = 5, z = 2, u = v = 1. Once y is hidden beside z,
  // no single sum gives anything away: 7 - "suppressed" leaves z <= 2, yet z = u + v is at
  // least 2, so z = 2 and u = v = 1. Hiding x breaks the chain.
  CountSystem s;
  auto x = s.add(7), y = s.add(5), z = s.add(2), u = s.add(1), v = s.add(1);
  s.add_sum(x, {y, z});
  s.add_sum(z, {u, v});
  auto out = suppress(s);
  EXPECT_EQ(texts(out), (Texts{"suppressed", "suppressed", "<5", "<5", "<5"}));
  std::vector<Known> known;
  for (const auto& cell : out)
    known.push_back(!cell.is_suppressed() ? Known::exact : cell.is_secondary() ? Known::large : Known::small);
  for (bool p : pinned_by_ranges(s, known)) EXPECT_FALSE(p);
}
