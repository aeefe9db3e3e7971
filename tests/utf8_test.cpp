// utf8 helpers: composition (NFC) of pasted decomposed text, closing quotes.

#include "utf8.hpp"

#include <gtest/gtest.h>

namespace yalu {
namespace {

TEST(Utf8, ComposesDecomposedTextAsTheIndexerStoresIt) {
    // 평양 as macOS pastes it: ᄑ ᅧ ᆼ ᄋ ᅣ ᆼ (leading consonant, vowel, final consonant).
    EXPECT_EQ(utf8::nfc("\u1111\u1167\u11BC\u110B\u1163\u11BC"), "평양");
    // Syllables without a final consonant, mixed with Latin text and composed syllables.
    EXPECT_EQ(utf8::nfc("Kim \u1100\u1175\u11B7 정은 \u1112\u1161"), "Kim 김 정은 하");
    // A Latin letter and its combining mark: McCune-Reischauer's ŏ and ŭ, an acute accent.
    EXPECT_EQ(utf8::nfc("P'yo\u0306ngyang Hu\u0306ich'o\u0306n cafe\u0301"),
              "P'y\u014Fngyang H\u016Dich'\u014Fn caf\u00E9");
    // A lone jamo stays as it is; text already composed is returned unchanged.
    EXPECT_EQ(utf8::nfc("\u1100 ㄱ"), "\u1100 ㄱ");
    EXPECT_EQ(utf8::nfc("평양 flood"), "평양 flood");
}

TEST(Utf8, BlankIsUnicodeWhiteSpaceOrZeroWidthOnly) {
    for (const std::string text :
         {"", " \t\v\f\r\n", "\u3000", "\u00A0\u2003\u2009\u202F\u205F", "\u2028\u2029\u0085\u1680",
          "\u200B", "\u200C\u200D", "\u2060", "\uFEFF", "\u00AD", " \u200B\u3000\u2060\t"})
        EXPECT_TRUE(utf8::is_blank(text)) << text;
    for (const std::string text :
         {"a", "\u3000\uAC00", "!", "\u200Ba", "\u200E", "\u3164", "\xA0", "\xE3\x80"})
        EXPECT_FALSE(utf8::is_blank(text)) << text;
}

TEST(Utf8, ValidIsWellFormedThroughout) {
    for (const std::string text : {"", "report(1)", "평양-2024", "caf\u00E9 \U0001F600"})
        EXPECT_TRUE(utf8::is_valid(text)) << text;
    // CP949 평양, a Latin-1 é, a cut sequence, an overlong '/', a surrogate.
    for (const std::string text :
         {"\xC6\xF2\xBE\xE7", "caf\xE9", "\xE3\x80", "\xC0\xAF", "\xED\xA0\x80"})
        EXPECT_FALSE(utf8::is_valid(text)) << text;
}

TEST(Utf8, EscapeInvalidWritesBadBytesAsHexAndKeepsTheRest) {
    EXPECT_EQ(utf8::escape_invalid("last read: '\"body\": \xED'"), "last read: '\"body\": \\xED'");
    EXPECT_EQ(utf8::escape_invalid("\xED\x95\x9C\xEA\xB5"),
              "\xED\x95\x9C\\xEA\\xB5");  // 한, cut 국
    EXPECT_EQ(utf8::escape_invalid("caf\xE9 \xC0\xAF"), "caf\\xE9 \\xC0\\xAF");
    EXPECT_EQ(utf8::escape_invalid("평양 \u00E9"), "평양 \u00E9");
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

TEST(Utf8, FromUtf16DecodesByItsByteOrderMark) {
    using namespace std::string_literals;
    // 북 (U+BD81), then 😀 (U+1F600) as a surrogate pair, in both byte orders.
    EXPECT_EQ(utf8::from_utf16("\xFF\xFE"
                               "A\0\x81\xBD\x3D\xD8\x00\xDE"s),
              "A북😀");
    EXPECT_EQ(utf8::from_utf16("\xFE\xFF"
                               "\0A\xBD\x81\xD8\x3D\xDE\x00"s),
              "A북😀");
    // A lone surrogate and an odd last byte are U+FFFD.
    EXPECT_EQ(utf8::from_utf16("\xFF\xFE"
                               "\x3D\xD8"
                               "A\0"
                               "B"s),
              "\uFFFDA\uFFFD");
    EXPECT_EQ(utf8::from_utf16("\xFF\xFE"s), "");
    EXPECT_FALSE(utf8::from_utf16("A\0B\0"s));  // no byte-order mark: not known to be UTF-16
    EXPECT_FALSE(utf8::from_utf16(""));
}

}  // namespace
}  // namespace yalu
