// Target versions: parsing "3.X", printing, and the library's own version.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "asynclift/version.hpp"

using asynclift::python_version;

TEST(VersionTest, ParsesEverySupportedVersion) {
  EXPECT_EQ(python_version::v3_8, asynclift::parse_python_version("3.8"));
  EXPECT_EQ(python_version::v3_9, asynclift::parse_python_version("3.9"));
  EXPECT_EQ(python_version::v3_10, asynclift::parse_python_version("3.10"));
  EXPECT_EQ(python_version::v3_11, asynclift::parse_python_version("3.11"));
  EXPECT_EQ(python_version::v3_12, asynclift::parse_python_version("3.12"));
  EXPECT_EQ(python_version::v3_13, asynclift::parse_python_version("3.13"));
}

TEST(VersionTest, RejectsUnsupportedAndMalformedVersions) {
  for (const char* text : {"", "3", "3.", "3.7", "3.14", "2.7", "4.0", "3.1", "3.100", "3.8.1",
                           " 3.8", "3.8 ", "v3.8", "3,8", "3.x", "38", "3..8", "-3.8"}) {
    EXPECT_EQ(std::nullopt, asynclift::parse_python_version(text)) << "'" << text << "'";
  }
}

TEST(VersionTest, PrintsAsMajorDotMinor) {
  EXPECT_EQ("3.8", asynclift::to_string(python_version::v3_8));
  EXPECT_EQ("3.10", asynclift::to_string(python_version::v3_10));
  EXPECT_EQ("3.13", asynclift::to_string(python_version::v3_13));
}

TEST(VersionTest, RoundTrips) {
  for (int m = asynclift::minor(asynclift::oldest_python_version);
       m <= asynclift::minor(asynclift::newest_python_version); ++m) {
    auto v = static_cast<python_version>(m);
    EXPECT_EQ(v, asynclift::parse_python_version(asynclift::to_string(v)));
  }
}

TEST(VersionTest, RangeAndDefault) {
  EXPECT_EQ(8, asynclift::minor(asynclift::oldest_python_version));
  EXPECT_EQ(13, asynclift::minor(asynclift::newest_python_version));
  EXPECT_EQ(python_version::v3_13, asynclift::default_python_version);
}

TEST(VersionTest, LibraryVersionIsSemantic) {
  std::string v(asynclift::library_version());
  EXPECT_TRUE(std::regex_match(v, std::regex(R"(\d+\.\d+\.\d+)"))) << v;
}
