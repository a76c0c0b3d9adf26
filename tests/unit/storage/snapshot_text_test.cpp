// The stored snapshot text (storage/snapshot_text.hpp): the chosen keys only, in API order,
// as JSON that the gateway reads back (referral_json, FHIR) with a JSON parser.
#include "storage/snapshot_text.hpp"

#include <gtest/gtest.h>

namespace enlace::storage {
namespace {

TEST(SnapshotText, OnlyTheChosenFieldsInApiOrder) {
  core::SharedSnapshot s;
  s.fields = {core::SharedField::given_name, core::SharedField::birth_date,
              core::SharedField::languages, core::SharedField::needs};
  s.given_name = "Ana \"la\" María";
  s.estimated_age = 9;
  s.languages = std::vector<core::LanguageCode>{*core::LanguageCode::parse("es"),
                                                *core::LanguageCode::parse("ht")};
  s.needs = std::vector<core::Need>{{"shelter", core::Urgency::high, "two\nlines"}};
  EXPECT_EQ(snapshot_text(s),
            R"({"fields":["given_name","birth_date","languages","needs"],)"
            R"("given_name":"Ana \"la\" María","estimated_age":9,"languages":["es","ht"],)"
            R"("needs":[{"category":"shelter","urgency":"high","note":"two\u000alines"}]})");
}

TEST(SnapshotText, NothingChosenIsAnEmptyList) {
  EXPECT_EQ(snapshot_text(core::SharedSnapshot{}), R"({"fields":[]})");
}

}  // namespace
}  // namespace enlace::storage
