#include "core/codes.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace enlace::core {
namespace {

// Every enumerator's name parses back to itself, and the names are distinct.
template <class E, std::size_t N, class Parse>
void expect_round_trip(const CodeName<E> (&table)[N], Parse parse) {
  std::set<std::string_view> names;
  for (const auto& row : table) {
    EXPECT_EQ(to_string(row.value), row.name);
    auto back = parse(row.name);
    ASSERT_TRUE(back.has_value()) << row.name;
    EXPECT_EQ(*back, row.value);
    names.insert(row.name);
  }
  EXPECT_EQ(names.size(), N);
}

TEST(Codes, EveryCodeRoundTrips) {
  expect_round_trip(kSexNames, parse_sex);
  expect_round_trip(kUrgencyNames, parse_urgency);
  expect_round_trip(kMigratoryStatusNames, parse_migratory_status);
  expect_round_trip(kSpecificNeedNames, parse_specific_need);
  expect_round_trip(kRejectionReasonNames, parse_rejection_reason);
  expect_round_trip(kOutcomeCodeNames, parse_outcome_code);
  expect_round_trip(kSharedFieldNames, parse_shared_field);
  expect_round_trip(kLegalBasisNames, parse_legal_basis);
  expect_round_trip(kConsentMethodNames, parse_consent_method);
}

TEST(Codes, TablesListEveryEnumerator) {
  EXPECT_EQ(std::size(kSexNames), 4u);
  EXPECT_EQ(std::size(kUrgencyNames), 3u);
  EXPECT_EQ(std::size(kMigratoryStatusNames), 8u);
  EXPECT_EQ(std::size(kSpecificNeedNames), 8u);
  EXPECT_EQ(std::size(kRejectionReasonNames), 8u);
  EXPECT_EQ(std::size(kOutcomeCodeNames), 3u);
  EXPECT_EQ(std::size(kSharedFieldNames), 9u);
  EXPECT_EQ(std::size(kLegalBasisNames), 2u);
  EXPECT_EQ(std::size(kConsentMethodNames), 2u);
}

TEST(Codes, SpellingsMatchTheApi) {
  EXPECT_EQ(to_string(MigratoryStatus::asylum_seeker), "asylum_seeker");
  EXPECT_EQ(to_string(SpecificNeed::survivor_of_trafficking), "survivor_of_trafficking");
  EXPECT_EQ(to_string(RejectionReason::declined_by_person), "declined_by_person");
  EXPECT_EQ(to_string(LegalBasis::vital_interest), "vital_interest");
}

TEST(Codes, ParsingIsExactAndCaseSensitive) {
  EXPECT_FALSE(parse_sex("Female"));
  EXPECT_FALSE(parse_sex(" female"));
  EXPECT_FALSE(parse_urgency(""));
  EXPECT_FALSE(parse_migratory_status("asylum-seeker"));
  EXPECT_FALSE(parse_shared_field("address"));
  EXPECT_FALSE(parse_consent_method("implied"));
}

}  // namespace
}  // namespace enlace::core
