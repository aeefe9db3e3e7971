// language_code: a language tag as the index and its filters hold it.

#include "language_code.hpp"

#include <gtest/gtest.h>

namespace yalu {
namespace {

TEST(LanguageCode, PrimarySubtagInLowerCase) {
    EXPECT_EQ(language_code("en"), "en");
    EXPECT_EQ(language_code("EN"), "en");
    EXPECT_EQ(language_code("en-US"), "en");
    EXPECT_EQ(language_code("ko_KR"), "ko");
    EXPECT_EQ(language_code("kor"), "ko");
    EXPECT_EQ(language_code("ENG"), "en");
    EXPECT_EQ(language_code("haw"), "haw");
    for (const char* bad : {"", "k", "korean", "-en", "e1", "한국어", "en US"})
        EXPECT_FALSE(language_code(bad)) << bad;
}

}  // namespace
}  // namespace yalu
