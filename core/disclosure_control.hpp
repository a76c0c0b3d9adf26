// Small-count suppression for published statistics: primary ("<5") and complementary cells.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// Counts from 1 to kMinShownCount - 1 are never shown: they could single a person out.
inline constexpr std::int64_t kMinShownCount = 5;
inline constexpr std::string_view kSuppressedText = "<5";
// A complementary suppression: a count of kMinShownCount or more, hidden so that a small one
// cannot be worked out from totals. Never written "<5": a planner would read 50 as "a few".
inline constexpr std::string_view kComplementaryText = "suppressed";

// One published count: a number, "<5" (primary: 1 to 4) or "suppressed" (secondary: 5 or
// more). The reader therefore knows each hidden count's range, and suppression allows for it.
class Cell {
 public:
  static Cell shown(std::int64_t n) { return Cell{n, false}; }
  static Cell suppressed(bool secondary = false) { return Cell{std::nullopt, secondary}; }

  bool is_suppressed() const { return !value_.has_value(); }
  bool is_secondary() const { return secondary_; }
  std::optional<std::int64_t> value() const { return value_; }
  std::string text() const;  // "12", "<5" or "suppressed"

  friend bool operator==(const Cell&, const Cell&) = default;

 private:
  Cell(std::optional<std::int64_t> v, bool secondary) : value_(v), secondary_(secondary) {}
  std::optional<std::int64_t> value_;
  bool secondary_ = false;
};

// Primary rule alone: 1..4 suppressed; 0 and >= 5 shown. Zero is shown because "nobody"
// identifies nobody, and hiding it would make every empty cell look like a small one.
bool is_small_count(std::int64_t count);
Cell suppress_scalar(std::int64_t count);

// Published counts and the sums that link them ("total = part + part + ..."). A reader who
// sees the shown values can solve these equations, so suppression must survive them.
// Precondition: counts are non-negative (they count people, needs or referrals).
class CountSystem {
 public:
  using Id = std::size_t;
  struct Sum {
    Id total;
    std::vector<Id> parts;
  };

  Id add(std::int64_t count);
  // Declares that the published `total` equals the sum of the published `parts`.
  void add_sum(Id total, std::vector<Id> parts);
  // Adds a computed total of `parts` and declares the sum; returns the total's id.
  Id add_total_of(const std::vector<Id>& parts);
  // The same for a total the report does not show (a category's referrals in every state):
  // the reader knows it only through the sums it is in, and hiding it protects nothing.
  Id add_unpublished_total_of(const std::vector<Id>& parts);

  std::size_t size() const { return counts_.size(); }
  std::int64_t count(Id id) const { return counts_[id]; }
  bool is_published(Id id) const { return !unpublished_[id]; }
  const std::vector<std::int64_t>& counts() const { return counts_; }
  const std::vector<Sum>& sums() const { return sums_; }

 private:
  std::vector<std::int64_t> counts_;
  std::vector<bool> unpublished_;
  std::vector<Sum> sums_;
};

// Suppresses every small count, then adds complementary suppressions until no suppressed
// value can be recovered from the shown values and the sums. Result is indexed by Id.
std::vector<Cell> suppress(const CountSystem& system);

// A two-way table such as categories x rejection reasons or groups x categories.
// Rows shorter than col_labels count as zeros in the missing columns.
struct CountTable {
  std::vector<std::string> row_labels;
  std::vector<std::string> col_labels;
  std::vector<std::vector<std::int64_t>> cells;  // cells[row][col]
  bool with_row_totals = true;                   // a total per row is published
  bool with_col_totals = true;                   // a total per column is published
};

struct SuppressedTable {
  std::vector<std::string> row_labels;
  std::vector<std::string> col_labels;
  std::vector<std::vector<Cell>> cells;
  std::vector<Cell> row_totals;     // empty unless with_row_totals
  std::vector<Cell> col_totals;     // empty unless with_col_totals
  std::optional<Cell> grand_total;  // present when both margins are published
};

// The ids a table received inside a CountSystem, so that a report can link its totals to
// figures published elsewhere (e.g. rejections per category = referrals in state rejected).
struct TableIds {
  std::vector<std::vector<CountSystem::Id>> cells;
  std::vector<CountSystem::Id> row_totals;
  std::vector<CountSystem::Id> col_totals;
  std::optional<CountSystem::Id> grand_total;
};

TableIds add_table(CountSystem& system, const CountTable& table);
SuppressedTable read_table(const CountTable& table, const TableIds& ids,
                           const std::vector<Cell>& cells);

SuppressedTable suppress(const CountTable& table);

}  // namespace enlace::core
