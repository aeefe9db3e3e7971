// utf8 helpers: Hangul composition of pasted decomposed text, closing quotes.

#include "utf8.hpp"

#include <gtest/gtest.h>

namespace yalu {
namespace {

TEST(Utf8, ComposesDecomposedHangulAsNfcWould) {
    // 평양 as macOS pastes it: ᄑ ᅧ ᆼ ᄋ ᅣ ᆼ (leading consonant, vowel, final consonant).
    EXPECT_EQ(utf8::compose_hangul("\u1111\u1167\u11BC\u110B\u1163\u11BC"), "평양");
    // Syllables without a final consonant, mixed with Latin text and composed syllables.
    EXPECT_EQ(utf8::compose_hangul("Kim \u1100\u1175\u11B7 정은 \u1112\u1161"), "Kim 김 정은 하");
    // A lone jamo stays as it is; text without jamo is returned unchanged.
    EXPECT_EQ(utf8::compose_hangul("\u1100 ㄱ"), "\u1100 ㄱ");
    EXPECT_EQ(utf8::compose_hangul("평양 flood"), "평양 flood");
}

TEST(Utf8, ClosingQuotesButNotNewsTags) {
    for (const char32_t c : {U'\'', U'"', U')', U'>', U'\u2019', U'\u201D', U'\u300D', U'\u300F'})
        EXPECT_TRUE(utf8::closes_quote(c)) << static_cast<unsigned>(c);
    EXPECT_FALSE(utf8::closes_quote(U']'));
    EXPECT_FALSE(utf8::closes_quote(U' '));
}

TEST(Utf8, HasCjkFindsHangulHanAndKanaNotOtherScripts) {
    EXPECT_TRUE(utf8::has_cjk("North Korea 북한"));
    EXPECT_TRUE(utf8::has_cjk("北"));
    EXPECT_TRUE(utf8::has_cjk("東京 とうきょう"));
    EXPECT_TRUE(utf8::has_cjk("\xE1\x84\x80"));  // U+1100, the first jamo
    EXPECT_FALSE(utf8::has_cjk("North Korea"));
    EXPECT_FALSE(utf8::has_cjk("Пхеньян — café"));
    EXPECT_FALSE(utf8::has_cjk(""));
}

}  // namespace
}  // namespace yalu
