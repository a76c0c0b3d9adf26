// core/time_zone: which names a territory may carry as its local time.
#include "core/time_zone.hpp"

#include <gtest/gtest.h>

using enlace::core::is_time_zone_name;

TEST(TimeZone, IanaPlacesAndUtcAreAccepted) {
  EXPECT_TRUE(is_time_zone_name("America/Guayaquil"));
  EXPECT_TRUE(is_time_zone_name("Asia/Manila"));
  EXPECT_TRUE(is_time_zone_name("America/Argentina/Buenos_Aires"));
  EXPECT_TRUE(is_time_zone_name("America/Port-au-Prince"));
  EXPECT_TRUE(is_time_zone_name("Etc/GMT+5"));
  EXPECT_TRUE(is_time_zone_name("UTC"));
}

TEST(TimeZone, UnknownMisspeltAndOffsetNamesAreRefused) {
  EXPECT_FALSE(is_time_zone_name(""));
  EXPECT_FALSE(is_time_zone_name("America/Quito"));      // not a zone: Ecuador is Guayaquil
  EXPECT_FALSE(is_time_zone_name("america/guayaquil"));  // the database's spelling only
  EXPECT_FALSE(is_time_zone_name("Asia/Manila "));
  EXPECT_FALSE(is_time_zone_name("GMT+05:00"));
  EXPECT_FALSE(is_time_zone_name("PST"));
  EXPECT_FALSE(is_time_zone_name("Etc/Unknown"));
  EXPECT_FALSE(is_time_zone_name("Asia/Manila\n"));
}
