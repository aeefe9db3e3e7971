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

// A report long enough for its text to be compared (over 20 four-word sequences).
const std::string kWire =
    "Heavy rain flooded the river towns near Sinuiju on Monday, officials said. Relief teams "
    "reached the villages by boat and handed out food and medicine. Roads and two bridges were "
    "closed while engineers inspected the damage.";

TEST(StoryFolder, HeadlinesMatchWithoutVersionTagsPunctuationAndCase) {
    const std::string base = StoryFolder::headline_key("Coupang unveils compensation plan");
    EXPECT_EQ(base, "coupangunveilscompensationplan");
    for (const char* version :
         {"(LEAD) Coupang unveils compensation plan", "(2nd LD) Coupang unveils compensation plan",
          "(URGENT) (LEAD) Coupang unveils compensation plan", "coupang unveils compensation plan.",
          "  Coupang unveils  compensation plan (종합2보)"})
        EXPECT_EQ(StoryFolder::headline_key(version), base) << version;
    EXPECT_EQ(StoryFolder::headline_key("[속보] 北, 미사일 발사…“전략적 대응”"),
              StoryFolder::headline_key("北, 미사일 발사 “전략적 대응”"));
    EXPECT_NE(StoryFolder::headline_key("Coupang unveils new compensation plan"), base);
    // Only tags or punctuation: the tag is the headline; nothing at all: nothing to compare.
    EXPECT_EQ(StoryFolder::headline_key("(LEAD)"), "lead");
    EXPECT_TRUE(StoryFolder::headline_key(" … ").empty());
    // A long parenthesis is part of the headline, not a tag.
    EXPECT_NE(StoryFolder::headline_key(
                  "Talks resume (after three years of silence on the border question)"),
              StoryFolder::headline_key("Talks resume"));
}

TEST(StoryFolder, OpeningsAreComparedWhenLongEnough) {
    const auto a = StoryFolder::shingles(kWire);
    ASSERT_GE(a.size(), 20U);
    EXPECT_EQ(StoryFolder::shared(a, StoryFolder::shingles("(Seoul=News) " + kWire)), 1.0);
    EXPECT_GE(*StoryFolder::shared(a, StoryFolder::shingles(kWire + " More rain is expected.")),
              0.8);
    EXPECT_LT(*StoryFolder::shared(
                  a, StoryFolder::shingles(
                         "Forecasters warned of floods around Kaesong as rain continued on "
                         "Monday, and towns near the river prepared sandbags while relief "
                         "teams stood by with boats, food and medicine for the villages.")),
              0.3);
    // Too short to tell (a flash, a caption).
    EXPECT_FALSE(StoryFolder::shared(a, StoryFolder::shingles("Heavy rain flooded the towns.")));
    // Hangul words count like any other.
    const std::string ko =
        "김정은 국무위원장이 방사포 생산공장을 시찰하고 포 무기체계 갱신을 지시했다고 "
        "조선중앙통신이 30일 보도했다. 그는 새로 생산된 방사포들이 전략적 공격수단으로 "
        "이용될 것이라고 말하면서 공장의 현대화와 생산 능력 확대를 위한 과업을 제시했다.";
    EXPECT_EQ(StoryFolder::shared(StoryFolder::shingles(ko),
                                  StoryFolder::shingles("(서울=연합뉴스) " + ko)),
              1.0);
}

TEST(StoryFolder, TheFirstVersionStaysAndTheRestRepeat) {
    StoryFolder folder;
    EXPECT_FALSE(folder.repeats(article("Floods hit Sinuiju", "2024-08-01", kWire)));
    // An update under the same headline, a flash too short to compare, the same wire copy
    // under another headline, across midnight.
    EXPECT_TRUE(folder.repeats(
        article("(LEAD) Floods hit Sinuiju", "2024-08-01", kWire + " More rain is expected.")));
    EXPECT_TRUE(folder.repeats(article("[속보] Floods hit Sinuiju", "2024-08-01", "Flash.")));
    EXPECT_TRUE(folder.repeats(article("Rain floods border towns", "2024-08-02", kWire)));
    // The same headline a week later, the same text a week later, or undated: other stories.
    EXPECT_FALSE(folder.repeats(article("Floods hit Sinuiju", "2024-08-09", "A week later.")));
    EXPECT_FALSE(folder.repeats(article("Rain floods border towns", "2024-08-15", kWire)));
    EXPECT_FALSE(folder.repeats(article("Floods hit Sinuiju", "", kWire)));
}

TEST(StoryFolder, AnOutletsTaggedUpdateMayRewordItsHeadline) {
    const std::string update =
        "Heavy rain flooded the river towns near Sinuiju on Monday, officials said. Relief teams "
        "reached the villages by boat and handed out food and medicine. The death toll rose to "
        "twelve overnight and thousands of people were moved to schools on higher ground.";
    const auto shared =
        StoryFolder::shared(StoryFolder::shingles(kWire), StoryFolder::shingles(update));
    ASSERT_TRUE(shared && *shared >= 0.5 && *shared < 0.8) << (shared ? *shared : -1.0);
    const auto report = [](const std::string& title, const std::string& source,
                           const std::string& body) {
        StoredArticle a = article(title, "2024-08-01", body);
        a.source = source;
        return a;
    };
    StoryFolder folder;
    EXPECT_FALSE(folder.repeats(report("Floods hit Sinuiju", "Yonhap", kWire)));
    // The same outlet's (2nd LD) under a new headline: a version.
    EXPECT_TRUE(folder.repeats(report("(2nd LD) Flood toll rises to 12", "Yonhap", update)));
    // Another outlet's, or an untagged one, shares as much and is a report of its own.
    StoryFolder other_outlet;
    EXPECT_FALSE(other_outlet.repeats(report("Floods hit Sinuiju", "Yonhap", kWire)));
    EXPECT_FALSE(other_outlet.repeats(report("(2nd LD) Flood toll rises to 12", "KBS", update)));
    StoryFolder untagged;
    EXPECT_FALSE(untagged.repeats(report("Floods hit Sinuiju", "Yonhap", kWire)));
    EXPECT_FALSE(untagged.repeats(report("Flood toll rises to 12", "Yonhap", update)));
}

TEST(StoryFolder, RecurringHeadlinesAndTemplatesAreOtherStories) {
    StoryFolder folder;
    // A serial's parts, or two news summaries of a day, share the headline but not the text.
    EXPECT_FALSE(
        folder.repeats(article("Kim Jong Il Will Always be with Us (1)", "2011-12-20", kWire)));
    EXPECT_FALSE(folder.repeats(article(
        "Kim Jong Il Will Always be with Us (2)", "2011-12-20",
        "Workers of the Kim Chaek Iron and Steel Complex recalled how he visited the plant in "
        "the cold winter, talked with the steel makers and taught them how to raise output of "
        "rolled steel for the construction of the country.")));
    // A templated message to another head of state shares its formulas, not its text.
    const auto greetings = [](const std::string& country, const std::string& day) {
        return "Kim Yong Nam sent a message of greetings to the President of " + country +
               " on the occasion of its national day. The message expressed the hope that the "
               "friendly relations between the two countries would grow stronger, wishing the "
               "President greater success in his work for the prosperity of " +
               country + ". The people of " + country + " celebrated the " + day + " anniversary.";
    };
    EXPECT_FALSE(folder.repeats(article("Greetings to President of Slovakia", "2011-09-01",
                                        greetings("Slovakia", "18th"))));
    EXPECT_FALSE(folder.repeats(article("Greetings to President of Uzbekistan", "2011-09-01",
                                        greetings("Uzbekistan", "20th"))));
}

}  // namespace
}  // namespace yalu
