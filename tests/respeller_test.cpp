// Tests for Respeller: which absent words are respelled, into what, and what is left alone.

#include "gazetteer.hpp"
#include "respeller.hpp"
#include "thesaurus.hpp"

#include "memory_index.hpp"

#include <gtest/gtest.h>

#include <xapian.h>

#include <string>
#include <vector>

namespace yalu {
namespace {

const Gazetteer& names() {
    static const Gazetteer g = Gazetteer::parse(
        R"(<gazetteer version="1">
  <entity id="komdok-mining-complex" type="org" name="Komdok Mining Complex"/>
  <entity id="kaesong" type="place" name="Kaesong"><alias>Gaeseong</alias></entity>
  <entity id="rungna" type="place" name="Rungna Islet"/>
  <entity id="nanjing" type="place" name="Nanjing"/>
  <entity id="choe-son-hui" type="person" name="Choe Son Hui"><alias>Choe Son-hui</alias><alias>최선희</alias></entity>
  <entity id="kim-yong-hyun" type="person" name="Kim Yong Hyon"><alias>김용현</alias></entity>
  <entity id="kim-jong-chol" type="person" name="Kim Jong Chol"/>
  <entity id="mount-paektu" type="place" name="Mount Paektu"><alias>Mount Baekdu</alias></entity>
</gazetteer>)",
        "inline.xml");
    return g;
}

class RespellerTest : public ::testing::Test {
protected:
    // KCNA's spellings, and English words that a romanized neighbour of a typo would hit.
    const Xapian::WritableDatabase db_ = test::memory_index(
        {"Ore output rises at the Komdok Mining Complex.", "Rungna Islet in Pyongyang.",
         "Kaesong Industrial Zone.", "He was jailed; the leadership met in Nanjing.",
         "That region, that nation.", "Missile launching.", "Chollima speed.",
         "Choe Son Hui met Lavrov; the Seon temple.", "Kim Jong Cheol chairs the commission.",
         "Snow on Mount Paektu; the Paektu bloodline.", "A sub-critical test.",
         "Sub-critical tests go on."});
    const Thesaurus thesaurus_ = Thesaurus::parse(
        R"(<thesaurus version="1"><group><term>Chollima</term><term>천리마</term></group></thesaurus>)",
        "inline.xml");
    const Respeller respeller_{db_, Xapian::Stem("english"), &names(), &thesaurus_};

    std::string respell(const std::string& text, std::vector<Respelling>* changes = nullptr) {
        std::vector<Respelling> local;
        return respeller_.respell(text, changes ? *changes : local);
    }
};

TEST_F(RespellerTest, TheSouthsRomanizationBecomesTheArchives) {
    std::vector<Respelling> changes;
    EXPECT_EQ(respell("Geomdeok mining complex", &changes), "Komdok mining complex");
    ASSERT_EQ(changes.size(), 1U);
    EXPECT_EQ(changes[0], (Respelling{"Geomdeok", "Komdok"}));
    // A word of a thesaurus term counts as a name too (Chollima).
    EXPECT_EQ(respell("Neungna islet"), "Rungna islet");
    EXPECT_EQ(respell("Cheollima"), "Chollima");
    // In syntax around it, and each word reported once however often it is typed.
    changes.clear();
    EXPECT_EQ(respell("Geomdeok AND mining -Geomdeok", &changes), "Komdok AND mining -Komdok");
    EXPECT_EQ(changes.size(), 1U);
}

TEST_F(RespellerTest, APlacesOwnWordAfterMountIsANameWordToo) {
    // Bare Baekdu names nothing ("Mount Baekdu" does), so it is respelled as the archive
    // writes the mountain's own word.
    std::vector<Respelling> changes;
    EXPECT_EQ(respell("Baekdu", &changes), "Paektu");
    ASSERT_EQ(changes.size(), 1U);
    EXPECT_EQ(changes[0], (Respelling{"Baekdu", "Paektu"}));
    EXPECT_EQ(respell("Mount Baekdu"), "Mount Paektu");  // the same mountain, as KCNA writes it
}

TEST_F(RespellerTest, AWholeNameIsRespelledAsTheGazetteerWritesIt) {
    // Seon is a word of its own in the archive and hui too short to look for alone: only the
    // whole name, romanized another way, names someone (KCNA's Choe Son Hui).
    std::vector<Respelling> changes;
    EXPECT_EQ(respell("Choe Seon-hui met Lavrov", &changes), "Choe Son Hui met Lavrov");
    ASSERT_EQ(changes.size(), 1U);
    EXPECT_EQ(changes[0], (Respelling{"Choe Seon-hui", "Choe Son Hui"}));
    // A name as the gazetteer writes it, capitalized words that name no one, a name the archive
    // writes as typed (Kim Jong-cheol, though KCNA's Kim Jong Chol is an entry), and a name
    // the North writes alike but whose Hangul differs (Yeong-hyeon is 영현, not the entry's
    // 용현) stay.
    for (const std::string text :
         {"Choe Son-hui", "Seon Summit Talks", "Kim Jong-cheol", "Kim Yeong-hyeon"}) {
        changes.clear();
        EXPECT_EQ(respell(text, &changes), text);
        EXPECT_TRUE(changes.empty()) << text;
    }
}

TEST_F(RespellerTest, WordsMeantAsTypedAreLeftAlone) {
    // A word of a known name (Gaeseong is an alias: the name finds every spelling), a word the
    // archive holds in another form (jailing: jailed), a typo one letter from an archive word
    // (lanching: launching, though Nanjing is a name), an absent word whose other spellings
    // name nothing (Thad would be that), a word in lower case (names are capitalized; legion
    // would be region, geomdeok stays too), acronyms in capitals and words after a field
    // prefix.
    for (const std::string text :
         {"Gaeseong", "jailing", "missile lanching", "Thad", "Russian legion", "NAPA AND OSHA",
          "geomdeok", "title:Geomdeok", "person:Neungna", "Hwasong17"}) {
        std::vector<Respelling> changes;
        EXPECT_EQ(respell(text, &changes), text);
        EXPECT_TRUE(changes.empty()) << text;
    }
}

TEST_F(RespellerTest, NoNameIsRespelledWithoutAGazetteer) {
    const Respeller bare(db_, Xapian::Stem("english"), nullptr, nullptr);
    std::vector<Respelling> changes;
    EXPECT_EQ(bare.respell("Geomdeok", changes), "Geomdeok");
    EXPECT_TRUE(changes.empty());
    // A compound needs no names.
    EXPECT_EQ(bare.respell("subcritical", changes), "sub-critical");
}

TEST_F(RespellerTest, AnAbsentCompoundIsSearchedAsTheTwoWordsArticlesWrite) {
    std::vector<Respelling> changes;
    EXPECT_EQ(respell("US subcritical tests", &changes), "US sub-critical tests");
    ASSERT_EQ(changes.size(), 1U);
    EXPECT_EQ(changes[0], (Respelling{"subcritical", "sub-critical"}));
    // Capitalized (a name's business), already in a hyphenated word, or written by no two
    // articles as two words: as typed.
    for (const std::string text : {"Subcritical", "non-subcritical", "subcriticals", "testsgo"}) {
        changes.clear();
        EXPECT_EQ(respell(text, &changes), text);
        EXPECT_TRUE(changes.empty()) << text;
    }
}

}  // namespace
}  // namespace yalu
