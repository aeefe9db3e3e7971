// SnippetMarker: the query's Hangul words marked where Xapian's snippet left them unmarked.

#include "snippet_marker.hpp"

#include <gtest/gtest.h>

namespace yalu {
namespace {

TEST(SnippetMarker, MarksUnmarkedWordsOnly) {
    const SnippetMarker marker({"경제", "신년사"}, "<b>", "</b>");
    // Xapian marked the longer word; the shorter one is marked here, every time it occurs.
    EXPECT_EQ(marker.mark("…<b>신년사</b>에서 경제의 혈맥으로서 경제의 회복"),
              "…<b>신년사</b>에서 <b>경제</b>의 혈맥으로서 <b>경제</b>의 회복");
    // Nothing inside an existing mark is marked twice.
    EXPECT_EQ(marker.mark("<b>경제</b> 신년사"), "<b>경제</b> <b>신년사</b>");
}

TEST(SnippetMarker, LongerWordWinsAndNoWordsChangeNothing) {
    const SnippetMarker marker({"김정", "김정은"}, "<b>", "</b>");
    EXPECT_EQ(marker.mark("김정은 위원장"), "<b>김정은</b> 위원장");
    const SnippetMarker none({}, "<b>", "</b>");
    EXPECT_EQ(none.mark("a &amp; b"), "a &amp; b");
}

TEST(SnippetMarker, MendsXapiansHangulMarks) {
    const SnippetMarker marker({"북한", "2월"}, "<b>", "</b>");
    // A syllable phrase marked across two words is no mark; the real word still is.
    EXPECT_EQ(marker.mark("남<b>북 한</b>계선, 북한은"), "남북 한계선, <b>북한</b>은");
    // Xapian's pieces of a word go; the word is marked whole.
    EXPECT_EQ(marker.mark("<b>북한</b>과 <b>북</b>한의"), "<b>북한</b>과 <b>북한</b>의");
    // A mark cut open by the snippet's end is closed before the ellipsis.
    EXPECT_EQ(marker.mark("a <b>Korea…"), "a <b>Korea</b>…");
    EXPECT_EQ(marker.mark("동맹<b>관…"), "동맹관…");
    // A number written against a word is not marked inside a longer number.
    EXPECT_EQ(marker.mark("12월과 2월"), "12월과 <b>2월</b>");
}

}  // namespace
}  // namespace yalu
