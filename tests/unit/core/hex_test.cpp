#include "core/hex.hpp"

#include <gtest/gtest.h>

using enlace::core::hex_into;
using enlace::core::to_hex;

TEST(Hex, LowercasePairsPerByte) {
  EXPECT_EQ(to_hex(std::string("\x00\x01\xab\xff", 4)), "0001abff");
  EXPECT_EQ(to_hex(""), "");
}

TEST(Hex, IntoReusesTheString) {
  std::string out = "leftover text that is longer";
  hex_into("\x10\x20", out);
  EXPECT_EQ(out, "1020");
}
