// Tests for TextNormalizer: entities, UTF-8 repair, control characters, NFC and white space.

#include "text_normalizer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace yalu {
namespace {

std::string norm(std::string_view text) {
    NormalizeReport report;
    return TextNormalizer().normalize(text, report);
}

TEST(TextNormalizer, AsciiTextIsUnchanged) {
    EXPECT_EQ(norm("North Korea fired a missile."), "North Korea fired a missile.");
}

TEST(TextNormalizer, DecodesNumericEntities) {
    NormalizeReport report;
    EXPECT_EQ(TextNormalizer().normalize("it&#x27;s &#39;x&#39; the North&#8217;s", report),
              "it's 'x' the North\u2019s");
    EXPECT_EQ(report.entities, 4u);
}

TEST(TextNormalizer, DecodesCommonNamedEntities) {
    EXPECT_EQ(norm("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;"), "a & b <c> \"d\" 'e'");
    EXPECT_EQ(norm("wait&hellip; 1&ndash;2 &mdash; x"), "wait\u2026 1\u20132 \u2014 x");
    EXPECT_EQ(norm("&lsquo;a&rsquo; &ldquo;b&rdquo; c&middot;d"),
              "\u2018a\u2019 \u201Cb\u201D c\u00B7d");
}

TEST(TextNormalizer, NbspEntityBecomesOneSpace) {
    EXPECT_EQ(norm("Kim&nbsp;&nbsp;Jong&nbsp;Un"), "Kim Jong Un");
}

TEST(TextNormalizer, LeavesUnknownEntitiesAndBareAmpersands) {
    EXPECT_EQ(norm("AT&T &foo; R&D &#xZZ; &;"), "AT&T &foo; R&D &#xZZ; &;");
}

// What the XML reader asks before it lets pugixml keep a reference as text.
TEST(TextNormalizer, SaysWhichReferencesItDecodes) {
    for (const char* name : {"amp", "apos", "nbsp", "mdash", "rsquo", "won"})
        EXPECT_TRUE(TextNormalizer::is_named_entity(name)) << name;
    for (const char* name : {"kju", "mdsah", "MDASH", "", "#160"})
        EXPECT_FALSE(TextNormalizer::is_named_entity(name)) << name;
    EXPECT_EQ(TextNormalizer::numeric_reference("#160"), U'\u00A0');
    EXPECT_EQ(TextNormalizer::numeric_reference("#xA0"), U'\u00A0');
    EXPECT_EQ(TextNormalizer::numeric_reference("#X2014"), U'\u2014');
    EXPECT_EQ(TextNormalizer::numeric_reference("#99999999999"), char32_t{0x110000});
    for (const char* name : {"#", "#x", "#12a", "#xZZ", "160", "nbsp"})
        EXPECT_FALSE(TextNormalizer::numeric_reference(name).has_value()) << name;
    EXPECT_TRUE(TextNormalizer::is_character(0x1));
    EXPECT_TRUE(TextNormalizer::is_character(0x10FFFF));
    for (const char32_t cp : {char32_t{0}, char32_t{0xD800}, char32_t{0xDFFF}, char32_t{0x110000}})
        EXPECT_FALSE(TextNormalizer::is_character(cp)) << static_cast<unsigned>(cp);
}

TEST(TextNormalizer, DecodesOnlyOnce) {
    EXPECT_EQ(norm("&amp;quot;"), "&quot;");
}

TEST(TextNormalizer, NumericC1ReferencesMeanWindows1252) {
    EXPECT_EQ(norm("1&#150;2 &#147;q&#148;"), "1\u20132 \u201Cq\u201D");
}

TEST(TextNormalizer, ImpossibleNumericReferencesBecomeReplacementCharacter) {
    EXPECT_EQ(norm("a&#0;b&#xD800;c&#1114112;d"), "a\uFFFDb\uFFFDc\uFFFDd");
}

TEST(TextNormalizer, RepairsInvalidUtf8AndCountsIt) {
    NormalizeReport report;
    EXPECT_EQ(TextNormalizer().normalize("line one\nbad \xff byte", report),
              "line one\nbad \uFFFD byte");
    EXPECT_EQ(report.invalid_utf8, 1u);
    EXPECT_EQ(report.first_invalid_utf8_line, 2);
}

TEST(TextNormalizer, ReplacesMaximalInvalidSubparts) {
    NormalizeReport report;
    const TextNormalizer n;
    // A truncated 3-byte sequence is one repair; an overlong pair and a surrogate are per byte.
    EXPECT_EQ(n.repair_utf8("a\xE2\x80", report), "a\uFFFD");
    EXPECT_EQ(n.repair_utf8("\xC0\xAF", report), "\uFFFD\uFFFD");
    EXPECT_EQ(n.repair_utf8("\xED\xA0\x80", report), "\uFFFD\uFFFD\uFFFD");
    EXPECT_EQ(n.repair_utf8("\xC3(", report), "\uFFFD(");
    EXPECT_EQ(report.invalid_utf8, 7u);
    EXPECT_EQ(report.first_invalid_utf8_line, 1);
}

TEST(TextNormalizer, ValidUtf8IsNotRepaired) {
    NormalizeReport report;
    EXPECT_EQ(TextNormalizer().repair_utf8("김정은 \xF0\x9F\x98\x80", report),
              "김정은 \xF0\x9F\x98\x80");
    EXPECT_EQ(report.invalid_utf8, 0u);
}

TEST(TextNormalizer, ControlCharactersSeparateWordsButC1OnesAreDropped) {
    NormalizeReport report;
    // A C0 control (\x01, DEL, NUL) keeps the words around it apart; a C1 one (Windows-1252
    // punctuation read as Latin-1) is dropped; tabs and line breaks keep their meaning.
    EXPECT_EQ(TextNormalizer().normalize(
                  std::string("Il!\u0096\" x\x01y\x7Fz\tend\nok") + '\0' + "nul \x02 next", report),
              "Il!\" x y z end\nok nul next");
    EXPECT_EQ(report.control_chars, 5u);
}

TEST(TextNormalizer, ControlCharactersReportTheFirstOnesLineAndCharacter) {
    NormalizeReport report;
    // CR LF is one line break, as repair_utf8 counts them; the C1 one comes after.
    EXPECT_EQ(TextNormalizer().normalize("one\r\ntwo\n three\x07"
                                         "bell\x01 \u0092",
                                         report),
              "one\ntwo\nthree bell");
    EXPECT_EQ(report.control_chars, 3u);
    EXPECT_EQ(report.first_control_line, 3);
    EXPECT_EQ(report.first_control, U'\x07');
    EXPECT_EQ(TextNormalizer::control_chars_warning(report, "in record 'x'", "fix it"),
              "3 control character(s) (such as \\u0007) in record 'x' removed, a space where they "
              "stood between words; fix it");
    NormalizeReport clean;
    EXPECT_EQ(TextNormalizer().normalize("no\ncontrols", clean), "no\ncontrols");
    EXPECT_EQ(clean.first_control_line, 0);
}

TEST(TextNormalizer, ComposesHangulJamoToSyllables) {
    // U+1112 U+1161 U+11AB is 한 spelled with conjoining jamo.
    EXPECT_EQ(norm("\u1112\u1161\u11AB\u1100\u116E\u11A8"), "한국");
    EXPECT_EQ(norm("Pyeongchang cafe\u0301"), "Pyeongchang caf\u00E9");
}

TEST(TextNormalizer, KeepsFullWidthCharacters) {
    // NFC leaves compatibility characters alone; folding them is the analyser's business.
    EXPECT_EQ(norm("ＤＰＲＫ"), "ＤＰＲＫ");
}

TEST(TextNormalizer, UnicodeSpacesCollapseAndLinesAreTrimmed) {
    EXPECT_EQ(norm("  a\u00A0\u3000b\u2009 c  \n\n\t \n  d  "), "a b c\nd");
}

TEST(TextNormalizer, ZeroWidthCharactersVanish) {
    EXPECT_EQ(norm("\xEF\xBB\xBFPan\u200Bmunjom"), "Panmunjom");
}

TEST(TextNormalizer, CrLfAndLoneCrAreLineBreaks) {
    EXPECT_EQ(norm("one\r\ntwo\rthree\n"), "one\ntwo\nthree");
}

TEST(TextNormalizer, ParagraphsSplitsOnLinesAndDropsEmptyOnes) {
    NormalizeReport report;
    const auto paras = TextNormalizer().paragraphs("First.\n\n  Second. \n\n\nThird.", report);
    ASSERT_EQ(paras.size(), 3u);
    EXPECT_EQ(paras[1], "Second.");
}

TEST(TextNormalizer, InlineJoinsLines) {
    NormalizeReport report;
    EXPECT_EQ(TextNormalizer().normalize_inline(" Kim Jong Un\n  visits \r\n Sinuiju ", report),
              "Kim Jong Un visits Sinuiju");
}

TEST(TextNormalizer, EmptyAndBlankInputGiveEmptyOutput) {
    EXPECT_EQ(norm(""), "");
    EXPECT_EQ(norm(" \n\t\r\n\u00A0"), "");
}

}  // namespace
}  // namespace yalu
