// Tests for SpellingVariants: golden tables of the candidates each rule makes (the rewriter
// then keeps those its index holds).

#include "spelling_variants.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace yalu {
namespace {

TEST(SpellingVariants, EnglishEndingsBothWays) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
        {"defense", {"defense", "defence"}},
        {"defence", {"defence", "defense"}},
        {"labor", {"labor", "labour"}},
        {"honours", {"honours", "honors"}},
        {"center", {"center", "centre"}},
        {"theatres", {"theatres", "theaters"}},
        {"organization", {"organization", "organisation"}},
        {"mobilise", {"mobilise", "mobilize"}},
        {"analyze", {"analyze", "analyse"}},
        {"dialog", {"dialog", "dialogue"}},
        {"programmes", {"programmes", "programs"}},
        {"program", {"program", "programme"}},
        // Too short to be sure: four is not "for", prize not "prise", hour not "hor".
        {"four", {"four"}},
        {"prize", {"prize"}},
        {"hour", {"hour"}},
        {"missile", {"missile"}},
    };
    for (const auto& [word, expected] : cases)
        EXPECT_EQ(SpellingVariants::english(word), expected) << word;
}

TEST(SpellingVariants, KoreanInitialSoundRule) {
    const auto texts = [](const std::u32string& word) {
        std::vector<std::u32string> out;
        for (const auto& v : SpellingVariants::korean(word)) out.push_back(v.text);
        return out;
    };
    // The South's spelling, the North's candidates, at any syllable.
    EXPECT_EQ(texts(U"노동"), (std::vector<std::u32string>{U"로동"}));
    EXPECT_EQ(texts(U"여성"), (std::vector<std::u32string>{U"려성", U"녀성"}));
    EXPECT_EQ(texts(U"병진노선"), (std::vector<std::u32string>{U"병진로선"}));
    EXPECT_EQ(SpellingVariants::korean(U"병진노선").front().changed, 2u);
    // The North's spelling, the South's at the word's start only.
    EXPECT_EQ(texts(U"로동"), (std::vector<std::u32string>{U"노동"}));
    // (and, inside it, the South's ㅇ the North's way: the index decides which exist)
    EXPECT_EQ(texts(U"리용"), (std::vector<std::u32string>{U"이용", U"리룡", U"리뇽"}));
    EXPECT_EQ(texts(U"녀성"), (std::vector<std::u32string>{U"여성"}));
    EXPECT_TRUE(texts(U"늘리자").size() == 1 && texts(U"늘리자")[0] == U"를리자");
    // Nothing to change; one syllable; not Hangul.
    EXPECT_TRUE(texts(U"김정은").empty());
    EXPECT_TRUE(texts(U"노").empty());
    EXPECT_TRUE(texts(U"missile").empty());
}

TEST(SpellingVariants, RomanizedKoreanWords) {
    const auto has = [](const std::string& word, const std::string& other) {
        const auto all = SpellingVariants::romanized(word);
        return !all.empty() && all.front() == word &&
               std::find(all.begin(), all.end(), other) != all.end();
    };
    // The South's Revised Romanization as the North's (KCNA's) spelling, one way only.
    EXPECT_TRUE(has("geomdeok", "komdok"));
    EXPECT_FALSE(has("komdok", "geomdeok"));
    EXPECT_TRUE(has("neungna", "rungna"));
    EXPECT_TRUE(has("pyeongyang", "pyongyang"));
    EXPECT_TRUE(has("hwanggumpyong", "hwanggumphyong"));
    EXPECT_TRUE(has("samjiyeon", "samjiyon"));
    EXPECT_TRUE(has("cheongjin", "chongjin"));
    EXPECT_TRUE(has("jangseongtaek", "jangsongthaek"));
    // The g of ng is no k: Pyongyang is never Pyonkyang; the South's aspirates stay aspirates
    // (Chun is not Jun, Tae not Dae), and l is no r (Nigel is not Niger).
    EXPECT_FALSE(has("pyongyang", "pyonkyang"));
    EXPECT_FALSE(has("chun", "jun"));
    EXPECT_FALSE(has("tae", "dae"));
    EXPECT_FALSE(has("nigel", "niger"));
    // Words that are no Korean syllables keep their own spelling only (dump is not dumb).
    EXPECT_EQ(SpellingVariants::romanized("dump"), std::vector<std::string>{"dump"});
    EXPECT_EQ(SpellingVariants::romanized("blog"), std::vector<std::string>{"blog"});
    EXPECT_EQ(SpellingVariants::romanized("covid19"), std::vector<std::string>{"covid19"});
    // Too many readings: the word alone.
    EXPECT_EQ(SpellingVariants::romanized("geomdeok", 4), std::vector<std::string>{"geomdeok"});
}

TEST(SpellingVariants, KoreanWordPairs) {
    const auto texts = [](const std::u32string& word) {
        std::vector<std::u32string> out;
        for (const auto& v : SpellingVariants::korean_words(word)) out.push_back(v.text);
        return out;
    };
    // Each Korea names itself first, both ways; the pair alone is a thesaurus term.
    EXPECT_EQ(texts(U"남북관계"), (std::vector<std::u32string>{U"북남관계"}));
    EXPECT_EQ(texts(U"북남공동선언"), (std::vector<std::u32string>{U"남북공동선언"}));
    EXPECT_EQ(SpellingVariants::korean_words(U"남북관계").front().changed, 0u);
    EXPECT_TRUE(texts(U"남북").empty());
    // The North's 조 for itself, both ways (조미료, seasoning, makes a candidate the index lacks).
    EXPECT_EQ(texts(U"북미대화"), (std::vector<std::u32string>{U"조미대화"}));
    EXPECT_EQ(texts(U"북러관계"), (std::vector<std::u32string>{U"조로관계"}));
    EXPECT_EQ(SpellingVariants::korean_words(U"북미대화").front().changed, 0u);
    EXPECT_EQ(texts(U"조중관계"), (std::vector<std::u32string>{U"북중관계"}));
    EXPECT_TRUE(texts(U"북미").empty());
    // Anniversaries: the South's 주년, the North's 돐 (a number before them is kept apart).
    EXPECT_EQ(texts(U"주년"), (std::vector<std::u32string>{U"돐"}));
    EXPECT_EQ(texts(U"돐"), (std::vector<std::u32string>{U"주년"}));
    EXPECT_EQ(SpellingVariants::korean_words(U"돐").front().changed, 0u);
    // Nothing to change.
    EXPECT_TRUE(texts(U"김정은").empty());
    EXPECT_TRUE(texts(U"missile").empty());
}

}  // namespace
}  // namespace yalu
