// StoryFolder: which articles --collapse treats as versions of one story.

#include "story_folder.hpp"

#include <gtest/gtest.h>

#include <string>

namespace yalu {
namespace {

StoredArticle article(const std::string& title, const std::string& date, const std::string& body) {
    StoredArticle a;
    a.title = title;
    a.date = date;
    a.body = body;
    return a;
}

TEST(StoryFolder, HeadlinesMatchWithoutVersionTagsPunctuationAndCase) {
    const std::string base =
        StoryFolder::headline_key("Coupang unveils compensation plan", "2025-12-29");
    EXPECT_FALSE(base.empty());
    for (const char* version :
         {"(LEAD) Coupang unveils compensation plan", "(2nd LD) Coupang unveils compensation plan",
          "(URGENT) (LEAD) Coupang unveils compensation plan", "coupang unveils compensation plan.",
          "  Coupang unveils  compensation plan (종합2보)"})
        EXPECT_EQ(StoryFolder::headline_key(version, "2025-12-29"), base) << version;
    EXPECT_EQ(StoryFolder::headline_key("[속보] 北, 미사일 발사…“전략적 대응”", "2025-12-28"),
              StoryFolder::headline_key("北, 미사일 발사 “전략적 대응”", "2025-12-28"));
    // Another day, other words, or nothing but tags and punctuation: no match.
    EXPECT_NE(StoryFolder::headline_key("Coupang unveils compensation plan", "2025-12-30"), base);
    EXPECT_NE(StoryFolder::headline_key("Coupang unveils new compensation plan", "2025-12-29"),
              base);
    EXPECT_EQ(StoryFolder::headline_key("(LEAD)", "2025-12-29"), "2025-12-29|lead");
    EXPECT_TRUE(StoryFolder::headline_key(" … ", "2025-12-29").empty());
    // A long parenthesis is part of the headline, not a tag.
    EXPECT_NE(StoryFolder::headline_key("Talks resume (after three years of silence on the "
                                        "border question)",
                                        "2025-12-29"),
              StoryFolder::headline_key("Talks resume", "2025-12-29"));
}

TEST(StoryFolder, TextsMatchWhenHalfTheSmallerOnesOpeningIsShared) {
    const std::string wire =
        "Heavy rain flooded the river towns near Sinuiju on Monday, officials said. Relief "
        "teams reached the villages by boat and handed out food and medicine.";
    const auto a = StoryFolder::shingles(wire);
    EXPECT_TRUE(StoryFolder::same_text(a, StoryFolder::shingles("(Seoul=News) " + wire)));
    EXPECT_TRUE(StoryFolder::same_text(
        a, StoryFolder::shingles(wire + " Roads were closed. More rain is expected.")));
    EXPECT_FALSE(StoryFolder::same_text(
        a, StoryFolder::shingles("Forecasters warned of floods around Kaesong as rain "
                                 "continued, and towns near the river prepared sandbags.")));
    // Texts too short to tell (a caption) are never the same text.
    EXPECT_FALSE(StoryFolder::same_text(StoryFolder::shingles("Heavy rain flooded the towns."),
                                        StoryFolder::shingles("Heavy rain flooded the towns.")));
    // Hangul words count like any other.
    const std::string ko =
        "김정은 국무위원장이 방사포 생산공장을 시찰하고 포 무기체계 갱신을 지시했다고 "
        "조선중앙통신이 30일 보도했다. 그는 전략적 공격수단으로 이용될 것이라고 말했다.";
    EXPECT_TRUE(StoryFolder::same_text(StoryFolder::shingles(ko),
                                       StoryFolder::shingles("(서울=연합뉴스) " + ko)));
}

TEST(StoryFolder, TheFirstVersionStaysAndTheRestRepeat) {
    const std::string body =
        "Heavy rain flooded the river towns near Sinuiju on Monday, officials said. Relief "
        "teams reached the villages by boat and handed out food and medicine.";
    StoryFolder folder;
    EXPECT_FALSE(folder.repeats(article("Floods hit Sinuiju", "2024-08-01", body)));
    EXPECT_TRUE(folder.repeats(article("(LEAD) Floods hit Sinuiju", "2024-08-01", "Updated.")));
    EXPECT_TRUE(folder.repeats(article("Rain floods border towns", "2024-08-01", body)));
    EXPECT_FALSE(folder.repeats(article("Floods hit Sinuiju", "2024-08-09", "A week later.")));
    // Without a headline only the text can match.
    EXPECT_FALSE(folder.repeats(article("", "2024-08-02", "Short note.")));
    EXPECT_FALSE(folder.repeats(article("", "2024-08-02", "Short note.")));
}

}  // namespace
}  // namespace yalu
