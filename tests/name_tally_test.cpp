// Tests for NameTally, the ranking behind yalu-index --suggest-entities: titles are stripped,
// phrases of common words dropped, titled forms merged, lone names kept only mid-sentence.

#include "name_tally.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using Ranked = std::vector<std::pair<std::string, unsigned long>>;

unsigned long count_of(const Ranked& ranked, const std::string& name) {
    for (const auto& [n, count] : ranked)
        if (n == name) return count;
    return 0;
}

// Lower-case uses of the title and phrase words, as an archive has them.
const char* const kEveryday =
    "the general view of the secretary, a vice-minister and the respected work of the central "
    "committee in different countries, posted by the committee.";

}  // namespace

TEST(NameTally, StripsTitlesAndMergesTitledForms) {
    yalu::NameTally tally;
    for (int i = 0; i < 4; ++i) tally.add(kEveryday);
    tally.add("He met Vice-Minister Kung Sok Ung on Monday.");
    tally.add("Present was Kung Sok Ung, vice-minister of Foreign Affairs.");
    tally.add("It was said by Vice-Minister Kung Sok Ung and by Kung Sok Ung again.");
    const Ranked top = tally.top(10, 1);
    EXPECT_EQ(count_of(top, "Kung Sok Ung"), 3u);
    EXPECT_EQ(count_of(top, "Vice-Minister Kung Sok Ung"), 0u);
    ASSERT_FALSE(top.empty());
    EXPECT_EQ(top.front().first, "Kung Sok Ung");
}

TEST(NameTally, DropsPhrasesOfCommonWords) {
    yalu::NameTally tally;
    for (int i = 0; i < 4; ++i) tally.add(kEveryday);
    for (int i = 0; i < 3; ++i)
        tally.add(
            "He praised General Secretary and the Central Committee and Different "
            "Countries and Respected Comrade and the Juche Idea.");
    const Ranked top = tally.top(10, 1);
    EXPECT_EQ(count_of(top, "General Secretary"), 0u);
    EXPECT_EQ(count_of(top, "Central Committee"), 0u);
    EXPECT_EQ(count_of(top, "Different Countries"), 0u);
    EXPECT_EQ(count_of(top, "Respected Comrade"), 0u);
    // "Juche" is never written in lower case: "Juche Idea" is a name-like term and stays.
    EXPECT_EQ(count_of(top, "Juche Idea"), 3u);
    EXPECT_TRUE(tally.common("Committee"));
    EXPECT_TRUE(tally.title("Secretary"));
    EXPECT_FALSE(tally.common("Juche"));
}

TEST(NameTally, KeepsALoneNameOnlyInsideASentence) {
    yalu::NameTally tally({"korea"});
    tally.add("Workers in Kangson, the cradle, met in Korea.");
    tally.add("The torch of Kangson burns. Kangson is proud.");
    tally.add("Dejiang spoke. Dejiang left.");  // only sentence-initial: no evidence
    const Ranked top = tally.top(10, 1);
    EXPECT_EQ(count_of(top, "Kangson"), 2u);
    EXPECT_EQ(count_of(top, "Korea"), 0u);    // a word of a gazetteer alias
    EXPECT_EQ(count_of(top, "Dejiang"), 0u);  // never inside a sentence
    EXPECT_EQ(count_of(top, "Workers"), 0u);
}

TEST(NameTally, APossessiveEndsTheName) {
    yalu::NameTally tally;
    tally.add("We saw Zhang Dejiang's delegation and Zhang Dejiang.");
    tally.add("We saw Zhang Dejiang's visit.");
    const Ranked top = tally.top(10, 1);
    EXPECT_EQ(count_of(top, "Zhang Dejiang"), 2u);
    EXPECT_EQ(count_of(top, "Zhang Dejiang's"), 0u);
}

TEST(NameTally, NamesOfFiveWordsOrMoreAreLeftOut) {
    yalu::NameTally tally;
    tally.add("We saw Aa Bb Cc Dd Ee and Ff Gg.");
    const Ranked top = tally.top(10, 1);
    EXPECT_EQ(count_of(top, "Aa Bb Cc Dd Ee"), 0u);
    EXPECT_EQ(count_of(top, "Ff Gg"), 1u);
}
