// Tests for EntityMatcher: token-trie matching (longest match, variants, case, possessives,
// Hangul particles and traps, mixed scripts) with exact byte offsets, and entities_of()
// (ambiguity by context and default, metonym refs, dateline and credit skipping, notices),
// the titles, units, seats and offices glued to Hangul names, and the names of lists closed by
// a plural head ("Toksong and Kowon counties").

#include "entity_matcher.hpp"
#include "test_paths.hpp"
#include "gazetteer.hpp"
#include "language_name.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#ifndef YALU_SOURCE_DIR
#define YALU_SOURCE_DIR "."
#endif

namespace yalu {
namespace {

// One expected mention: entity id and byte range.
struct Hit {
    std::string id;
    std::size_t begin;
    std::size_t end;
    bool operator==(const Hit&) const = default;
};

void PrintTo(const Hit& h, std::ostream* os) {
    *os << h.id << "[" << h.begin << "," << h.end << ")";
}

class EntityMatcherTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        gazetteer_ = new Gazetteer(
            Gazetteer::load(std::string(YALU_SOURCE_DIR) + "/tests/data/test_gazetteer.xml"));
        matcher_ = new EntityMatcher(*gazetteer_);
    }
    static void TearDownTestSuite() {
        delete matcher_;
        delete gazetteer_;
    }

    static std::vector<Hit> hits(std::string_view text) {
        std::vector<Hit> out;
        for (const auto& m : matcher_->find_mentions(text))
            out.push_back({std::string(m.entity->id), m.begin, m.end});
        return out;
    }
    static std::vector<std::string> ids_of(const std::string& title,
                                           std::vector<std::string> paragraphs) {
        Article a;
        a.title = title;
        a.paragraphs = std::move(paragraphs);
        std::vector<std::string> out;
        for (const auto* e : matcher_->entities_of(a)) out.emplace_back(e->id);
        return out;
    }

    static Gazetteer* gazetteer_;
    static EntityMatcher* matcher_;
};

Gazetteer* EntityMatcherTest::gazetteer_ = nullptr;
EntityMatcher* EntityMatcherTest::matcher_ = nullptr;

using Hits = std::vector<Hit>;
using Ids = std::vector<std::string>;

TEST_F(EntityMatcherTest, LongestMatchWins) {
    EXPECT_EQ(hits("North Korea fired"), (Hits{{"north-korea", 0, 11}}));
    EXPECT_EQ(hits("the Republic of Korea and Korea"), (Hits{{"south-korea", 4, 21}}));
    EXPECT_EQ(hits("Democratic People's Republic of Korea"), (Hits{{"north-korea", 0, 37}}));
}

TEST_F(EntityMatcherTest, KimJongUnIsNotKimJongIl) {
    EXPECT_EQ(hits("Kim Jong-il and Kim Jong-un"),
              (Hits{{"kim-jong-il", 0, 11}, {"kim-jong-un", 16, 27}}));
    EXPECT_EQ(hits("Kim Jong met Kim"), Hits{});
}

TEST_F(EntityMatcherTest, HyphenAndSpaceVariantsAreEqual) {
    EXPECT_EQ(hits("Kim Jong Un"), (Hits{{"kim-jong-un", 0, 11}}));
    EXPECT_EQ(hits("kim jong-un"), (Hits{{"kim-jong-un", 0, 11}}));
    EXPECT_EQ(hits("KIM JONG UN"), (Hits{{"kim-jong-un", 0, 11}}));
    EXPECT_EQ(hits("Kim  Jong\u2010un"), (Hits{{"kim-jong-un", 0, 14}}));  // U+2010 hyphen
    EXPECT_EQ(hits("Kim Jongun"), (Hits{{"kim-jong-un", 0, 10}}));
    EXPECT_EQ(hits("Kim Jong, Un"), Hits{});  // a comma is not a name-internal separator
    EXPECT_EQ(hits("Kim Jong\nUn"), Hits{});  // nor is a line break
}

TEST_F(EntityMatcherTest, PossessivesStraightAndCurly) {
    EXPECT_EQ(hits("Kim Jong Un's visit"), (Hits{{"kim-jong-un", 0, 11}}));
    EXPECT_EQ(hits("Kim Jong Un\u2019s visit"), (Hits{{"kim-jong-un", 0, 11}}));
    EXPECT_EQ(hits("Seoul's mayor"), (Hits{{"seoul", 0, 5}}));
    EXPECT_EQ(hits("the Workers\u2019 Party of Korea"), (Hits{{"workers-party-of-korea", 4, 29}}));
    EXPECT_EQ(hits("the Workers' Party of Korea"), (Hits{{"workers-party-of-korea", 4, 27}}));
}

TEST_F(EntityMatcherTest, AcronymsAreCaseSensitive) {
    EXPECT_EQ(hits("US troops"), (Hits{{"united-states", 0, 2}}));
    EXPECT_EQ(hits("let us talk"), Hits{});
    EXPECT_EQ(hits("Us and them"), Hits{});
    EXPECT_EQ(hits("the DPRK said"), (Hits{{"north-korea", 4, 8}}));
    EXPECT_EQ(hits("the dprk said"), Hits{});
    EXPECT_EQ(hits("U.S. forces"), (Hits{{"united-states", 0, 4}}));  // the alias's dot is taken
    EXPECT_EQ(hits("the U.S.-led drill"), (Hits{{"united-states", 4, 8}}));
    EXPECT_EQ(hits("NIS chief"), (Hits{{"nis", 0, 3}}));
    EXPECT_EQ(hits("Nis chief"), Hits{});
    EXPECT_EQ(hits("KOOKJEONGWON Kookjeongwon"), (Hits{{"nis", 13, 25}}));  // case="exact"
}

TEST_F(EntityMatcherTest, MoonTheWordIsNotMoonJaeIn) {
    EXPECT_EQ(hits("the Moon rose over Moon Jae-in"), (Hits{{"moon-jae-in", 19, 30}}));
}

TEST_F(EntityMatcherTest, SouthOrKoreaAloneMatchNothing) {
    EXPECT_EQ(hits("South of the border, Korea"), Hits{});
    EXPECT_EQ(hits("the south Korean puppets"), Hits{});
    EXPECT_EQ(hits("south Korea"), (Hits{{"south-korea", 0, 11}}));
    EXPECT_EQ(hits("N. Korea"), (Hits{{"north-korea", 0, 8}}));
}

TEST_F(EntityMatcherTest, TokenBoundariesAreRespected) {
    EXPECT_EQ(hits("a Seoulite in Seoul"), (Hits{{"seoul", 14, 19}}));
    EXPECT_EQ(hits("two Samsungs"), Hits{});  // plural of a name is not the name (documented)
    EXPECT_EQ(hits("USA"), Hits{});
    EXPECT_EQ(hits("300 million won (US$207,610) for US"), (Hits{{"united-states", 33, 35}}));
    EXPECT_EQ(hits("seoul@yna.co.kr"),
              (Hits{{"seoul", 0, 5}}));  // raw text: credits are entities_of's job
}

TEST_F(EntityMatcherTest, HangulWithParticles) {
    // 김정은 = 9 bytes, the particle 은 3 more; 북한 = 6 bytes.
    EXPECT_EQ(hits("김정은은 북한의 지도자"),
              (Hits{{"kim-jong-un", 0, 9}, {"north-korea", 13, 19}}));
    EXPECT_EQ(hits("북한"), (Hits{{"north-korea", 0, 6}}));
    EXPECT_EQ(hits("북한에서"), (Hits{{"north-korea", 0, 6}}));
    EXPECT_EQ(hits("북한측은"), (Hits{{"north-korea", 0, 6}}));
    EXPECT_EQ(hits("미국으로부터"), (Hits{{"united-states", 0, 6}}));
    EXPECT_EQ(hits("현대는 현대의"), (Hits{{"hyundai", 0, 6}, {"hyundai", 10, 16}}));
    EXPECT_EQ(hits("경기도에서"), (Hits{{"gyeonggi-province", 0, 9}}));
    EXPECT_EQ(hits("북한뿐만 아니라"), (Hits{{"north-korea", 0, 6}}));
    // The plural 들 takes any particle after it (KCNA's 미제침략자들과): 북한군 = 9 bytes.
    EXPECT_EQ(hits("북한군들과 북한군들에게"),
              (Hits{{"korean-peoples-army", 0, 9}, {"korean-peoples-army", 16, 25}}));
    EXPECT_EQ(hits("북한들판 북한들고"), Hits{});  // 들 that opens another word is no plural
    // So does the honorific 씨 (이대준씨가: the archive writes 씨가 13 times for 씨는 twice).
    EXPECT_EQ(hits("김정은씨가 김정은씨에게"),
              (Hits{{"kim-jong-un", 0, 9}, {"kim-jong-un", 16, 25}}));
    EXPECT_EQ(hits("김정은씨앗"), Hits{});  // 씨 that opens another word is no honorific
}

TEST_F(EntityMatcherTest, EveryDocumentedParticleIsAccepted) {
    for (const auto particle : EntityTokenizer::particles()) {
        const std::string text = "\uBD81\uD55C" + std::string(particle);  // 북한 + particle
        EXPECT_EQ(hits(text), (Hits{{"north-korea", 0, 6}})) << text;
    }
    EXPECT_GE(EntityTokenizer::particles().size(), 90u);
}

TEST_F(EntityMatcherTest, HangulTraps) {
    EXPECT_EQ(hits("군 현대화 사업"), Hits{});  // 현대 + 화 is "modernisation"
    EXPECT_EQ(hits("경기 둔화 우려"), Hits{});  // economic slowdown, not 경기도
    EXPECT_EQ(hits("북한군"), (Hits{{"korean-peoples-army", 0, 9}}));  // its own alias: longest
    EXPECT_EQ(hits("한국은행"), Hits{});  // Bank of Korea is not 한국 + particle
    EXPECT_EQ(hits("삼성전자"), Hits{});
    // A particle glued to a closing quote belongs to the quoted word: '탈북민'이란 is not Iran.
    EXPECT_EQ(hits("'\uD0C8\uBD81\uBBFC'\uC774\uB780 \uC774\uB780"), (Hits{{"iran", 18, 24}}));
    EXPECT_EQ(hits("\uB300\uAD6C\u00B7\uBD81\uD55C"), (Hits{{"north-korea", 8, 14}}));  // 대구·북한
    // A news tag in square brackets ends before the name: "[앵커]김정은" names him.
    EXPECT_EQ(hits("[\uC575\uCEE4]\uAE40\uC815\uC740\uC774"), (Hits{{"kim-jong-un", 8, 17}}));
    // Only a particle continues the quoted word: a name glued to a quote starts anew, as where
    // a digest runs headlines together ("...발전”김정은 위원장").
    EXPECT_EQ(hits("\uBC1C\uC804\u201D\uAE40\uC815\uC740 \uC704\uC6D0\uC7A5"),
              (Hits{{"kim-jong-un", 9, 18}}));
    // Two particles in a row still continue it ('탈북민'이란다 is no Iran), and so does a particle
    // glued to a curly quote.
    EXPECT_EQ(hits("'\uD0C8\uBD81\uBBFC'\uC774\uB780\uB2E4"), Hits{});
    EXPECT_EQ(hits("\u2018\uD0C8\uBD81\uBBFC\u2019\uC774\uB780"), Hits{});
    // So does a particle after two closing marks: the New Year addresses' <<...>>이란 ("so-called
    // <<civilian government>>", 1995) was Iran, and so was a quote closing a bracket ('...')이란.
    EXPECT_EQ(hits("<<\uBB38\uBBFC\uC815\uAD8C>>\uC774\uB780 \uD5C8\uC6b8"), Hits{});
    EXPECT_EQ(hits("'\uD0C8\uBD81\uBBFC')\uC774\uB780"), Hits{});
}

TEST_F(EntityMatcherTest, APersonsNameTakesAGluedTitle) {
    // New Year addresses write the title against the name: 김정일 = 9 bytes.
    EXPECT_EQ(hits("김정일동지의 유훈"), (Hits{{"kim-jong-il", 0, 9}}));
    EXPECT_EQ(hits("김정은동지께서"), (Hits{{"kim-jong-un", 0, 9}}));
    EXPECT_EQ(hits("김정일장군님께서"), (Hits{{"kim-jong-il", 0, 9}}));  // title + 님 + particle
    EXPECT_EQ(hits("김정일동지께서는"), (Hits{{"kim-jong-il", 0, 9}}));  // 께서 + 는
    EXPECT_EQ(hits("문재인대통령은"), (Hits{{"moon-jae-in", 0, 9}}));
    EXPECT_EQ(hits("김정일동지들과"), (Hits{{"kim-jong-il", 0, 9}}));  // 들 + particle
    // Only a person takes a title, and the title must be the whole rest of the word.
    EXPECT_EQ(hits("북한대표"), Hits{});
    EXPECT_EQ(hits("김정은동지회"), Hits{});
    EXPECT_EQ(hits("김정은장"), Hits{});
}

TEST_F(EntityMatcherTest, APlacesNameTakesAGluedUnit) {
    // 평양 = 6 bytes: the city of 평양시, the Special City of 서울특별시.
    EXPECT_EQ(hits("평양시에서"), (Hits{{"pyongyang", 0, 6}}));
    EXPECT_EQ(hits("평양시와 서울특별시"), (Hits{{"pyongyang", 0, 6}, {"seoul", 13, 19}}));
    // A country's 군 is its army, and names the country (북한군 is an alias of its own above).
    EXPECT_EQ(hits("한국군이"), (Hits{{"south-korea", 0, 6}}));
    // Traps: 시간 is time, not a city's particle (한국시간); a province carries its unit
    // already, and 도 + 시 is 도시 "city". (평양시장, its mayor, is a seat: below.)
    EXPECT_EQ(hits("한국시간 평양시간"), Hits{});
    EXPECT_EQ(hits("경기도시로"), Hits{});
    EXPECT_EQ(hits("경기 둔화 우려"), Hits{});
    // Only a place takes a unit.
    EXPECT_EQ(hits("김정은시"), Hits{});
}

TEST_F(EntityMatcherTest, APlacesNameTakesAGluedSeatOrPeople) {
    // South Korean news glue a mayor, governor, council or office to the place it governs,
    // with the unit or without: 평양 = 6 bytes, 경기도 = 9.
    EXPECT_EQ(hits("평양시장은"), (Hits{{"pyongyang", 0, 6}}));
    EXPECT_EQ(hits("서울시의회에서 서울교육청"), (Hits{{"seoul", 0, 6}, {"seoul", 22, 28}}));
    EXPECT_EQ(hits("경기도지사와 경기도청"),
              (Hits{{"gyeonggi-province", 0, 9}, {"gyeonggi-province", 19, 28}}));
    // A country's people (한국인, KCNA's 남조선인민) name it, as "South Koreans" does.
    EXPECT_EQ(hits("한국인들은 미국인민의"),
              (Hits{{"south-korea", 0, 6}, {"united-states", 16, 22}}));
    // A US state: 주 is a unit.
    EXPECT_EQ(hits("평양주"), (Hits{{"pyongyang", 0, 6}}));
    // Traps: a province's 도 + 시 is still 도시 "city" (경기도시장 is no mayor of Gyeonggi);
    // a seat must be the whole rest of the word; and only a place takes a seat.
    EXPECT_EQ(hits("경기도시장"), Hits{});
    EXPECT_EQ(hits("평양시장터 한국인권"), Hits{});
    EXPECT_EQ(hits("김정은시장 감사원지사"), Hits{});
}

TEST_F(EntityMatcherTest, AnOrganisationsNameTakesAGluedOffice) {
    // 감사원 = 9 bytes: its head (감사원장), members (로농적위대원-style), branches.
    EXPECT_EQ(hits("감사원장은"), (Hits{{"board-of-audit", 0, 9}}));
    EXPECT_EQ(hits("감사원원들과"), (Hits{{"board-of-audit", 0, 9}}));
    EXPECT_EQ(hits("조선노동당원"), (Hits{{"workers-party-of-korea", 0, 15}}));
    EXPECT_EQ(hits("총련일군들과 총련조직에"), (Hits{{"chongryon", 0, 6}, {"chongryon", 19, 25}}));
    // An army's officers and men: KCNA's 인민군장병들 (북한군 stands in for 인민군 here).
    EXPECT_EQ(hits("북한군장병들은"), (Hits{{"korean-peoples-army", 0, 9}}));
    // Its soldiers and units: KCNA's 인민군군인들, 인민군부대들.
    EXPECT_EQ(hits("북한군군인들과 북한군부대들을"),
              (Hits{{"korean-peoples-army", 0, 9}, {"korean-peoples-army", 22, 31}}));
    // X부장 is a Chinese minister (왕이 외교부장), not the head of a 부; 장관 is a person's title.
    EXPECT_EQ(hits("외교부장 외교부장관"), Hits{});
    EXPECT_EQ(hits("외교부는"), (Hits{{"foreign-ministry-rok", 0, 9}}));
    // Only an organisation takes an office.
    EXPECT_EQ(hits("평양장"), Hits{});
}

TEST_F(EntityMatcherTest, APlacesNameTakesAGluedRealm) {
    // What stands for the place itself, glued to its name, chiefly in KCNA's spelling: its
    // authorities, society, land, region, countries: 한국 = 6 bytes, 중국 = 6, 서울 = 6.
    EXPECT_EQ(hits("한국당국자들이"), (Hits{{"south-korea", 0, 6}}));
    EXPECT_EQ(hits("북한사회에서 미국사이에"),
              (Hits{{"north-korea", 0, 6}, {"united-states", 19, 25}}));
    EXPECT_EQ(hits("서울지역은 평양땅에"), (Hits{{"seoul", 0, 6}, {"pyongyang", 16, 22}}));
    // Words of kind may open it: KCNA's "puppet government", "conservative authorities",
    // "socialist countries" (구라파사회주의나라들에).
    EXPECT_EQ(hits("한국괴뢰정부는 한국보수당국"),
              (Hits{{"south-korea", 0, 6}, {"south-korea", 22, 28}}));
    EXPECT_EQ(hits("중국사회주의나라들과"), (Hits{{"china", 0, 6}}));
    // Traps: an institution named after a place is another entity (한국사회과학원, the rest
    // must be the realm word, 들 and a particle); a modifier alone is no realm; only a place
    // takes one (김정은정부 is a government named after its head, 삼성사회 nothing).
    EXPECT_EQ(hits("한국사회과학원 서울지역구 한국보수 북한이탈"), Hits{});
    EXPECT_EQ(hits("김정은정부 삼성사회"), Hits{});
    EXPECT_EQ(ids_of("", {"남쪽의 한국당국은"}), (Ids{"south-korea"}));
    // The matcher of a query finds what the whole matcher finds.
    const EntityMatcher for_query(*gazetteer_, "중국사회주의나라들과");
    const auto mentions = for_query.find_mentions("중국사회주의나라들과");
    ASSERT_EQ(mentions.size(), 1u);
    EXPECT_EQ(mentions[0].entity->id, "china");
}

TEST_F(EntityMatcherTest, ANameGluedToTheFigureBeforeItInATable) {
    // The crawl glues a table's names to the figure before them: a weather table's "Sunny
    // 60Seoul 06/01" (Seoul [8,13)), a price list's "UP 2,500Samsung 62,100" (Samsung [8,15)),
    // a date's "August 4Kim Jong Un," (Kim Jong Un [11,22)).
    EXPECT_EQ(hits("Sunny 60Seoul 06/01"), (Hits{{"seoul", 8, 13}}));
    EXPECT_EQ(hits("UP 2,500Samsung 62,100"), (Hits{{"samsung", 8, 15}}));
    EXPECT_EQ(hits("On August 4Kim Jong Un, general"), (Hits{{"kim-jong-un", 11, 22}}));
    EXPECT_EQ(hits("DN 30DPRK"), (Hits{{"north-korea", 5, 9}}));
    // A further word makes the cell a firm the gazetteer lacks ("1,250SK ie technology 24,150",
    // "10,100LOTTE Fine Chem"), not the group it starts with.
    EXPECT_EQ(hits("DN 500Samsung Life 156,300 UP 1,700US&A 140,400"), Hits{});
    // A firm's legal form is no other firm ("3,500LOTTE CHEMICAL Corp 67,500").
    EXPECT_EQ(hits("DN 500Samsung Corp 67,500 DN 7Samsung CO.,LTD. 262,500"),
              (Hits{{"samsung", 6, 13}, {"samsung", 30, 37}}));
    // The name starts with a capital after the digits: "40s", "4th", "10km" are words; no
    // name is read before digits either ("G20", "Seoul2").
    EXPECT_EQ(hits("in their 40seoul 4th G20 Seoul2"), Hits{});
    EXPECT_EQ(ids_of("", {"Sunny 60Seoul 06/01"}), (Ids{"seoul", "south-korea"}));
    // The matcher of a query finds what the whole matcher finds.
    const EntityMatcher for_query(*gazetteer_, "Sunny 60Seoul 06/01");
    const auto mentions = for_query.find_mentions("Sunny 60Seoul 06/01");
    ASSERT_EQ(mentions.size(), 1u);
    EXPECT_EQ(mentions[0].entity->id, "seoul");
}

TEST_F(EntityMatcherTest, ANameMayFollowAGluedAdjectiveInJeok) {
    // North Korean spelling glues an adjective in -적 to the name it qualifies: 영웅적 (9
    // bytes) + 인민군 [9,18) + 장병들과, 형제적 + 중국 [9,15) + 인민은 (a place's people).
    EXPECT_EQ(hits("영웅적인민군장병들과"), (Hits{{"korean-peoples-army", 9, 18}}));
    EXPECT_EQ(hits("형제적중국인민은"), (Hits{{"china", 9, 15}}));
    EXPECT_EQ(hits("혁명적북한군"), (Hits{{"korean-peoples-army", 9, 18}}));
    EXPECT_EQ(hits("민주주의적한국과"), (Hits{{"south-korea", 15, 21}}));
    EXPECT_EQ(hits("전투적김정일동지"), (Hits{{"kim-jong-il", 9, 18}}));
    // The rest of the word must be a name and what a name takes, as at a word's start.
    EXPECT_EQ(hits("세계적한국어 혁명적평양시장터 혁명적평양역"), Hits{});
    // The adjective's own endings are no name: 이상적이란 is 이상적 + 이란 ("that ... is
    // ideal"), not Iran, and neither is 이상적이란다.
    EXPECT_EQ(hits("이상적이란 이상적이란다"), Hits{});
    // One syllable and 적 make a noun (추적 "pursuit", 목적, 국적): a headline run into the
    // body there ("...자금 추적통일교") is no adjective.
    EXPECT_EQ(hits("추적북한 목적한국"), Hits{});
    // Nor is 적 at a word's start (적군, 적대) a prefix, and a name still never begins
    // inside an ordinary word: 태평양 is not 평양.
    EXPECT_EQ(hits("적북한 태평양"), Hits{});
    // A name at the word's start is read there first (leftmost).
    EXPECT_EQ(hits("북한군은"), (Hits{{"korean-peoples-army", 0, 9}}));
    // The matcher of a query finds what the whole matcher finds.
    const EntityMatcher for_query(*gazetteer_, "형제적중국인민은");
    const auto mentions = for_query.find_mentions("형제적중국인민은");
    ASSERT_EQ(mentions.size(), 1u);
    EXPECT_EQ(mentions[0].entity->id, "china");
    EXPECT_EQ(ids_of("", {"영웅적인민군장병들과"}), (Ids{"korean-peoples-army"}));
}

TEST_F(EntityMatcherTest, APersonsNameTakesAGluedEpithet) {
    // KCNA's epithets for the South's rulers, glued to the name: 리승만 = 9 bytes.
    EXPECT_EQ(hits("리승만역도의"), (Hits{{"syngman-rhee", 0, 9}}));
    EXPECT_EQ(hits("리승만매국역도를 리승만도당들은"),
              (Hits{{"syngman-rhee", 0, 9}, {"syngman-rhee", 25, 34}}));
    EXPECT_EQ(hits("리승만괴뢰도당이 리승만도배에게"),
              (Hits{{"syngman-rhee", 0, 9}, {"syngman-rhee", 25, 34}}));
    EXPECT_EQ(hits("김정은역적들과"), (Hits{{"kim-jong-un", 0, 9}}));
    EXPECT_EQ(hits("문재인패당"), (Hits{{"moon-jae-in", 0, 9}}));
    EXPECT_EQ(hits("리승만매국반역도당들은"), (Hits{{"syngman-rhee", 0, 9}}));
    EXPECT_EQ(hits("리승만파쑈악당 리승만일당"),
              (Hits{{"syngman-rhee", 0, 9}, {"syngman-rhee", 22, 31}}));
    // The epithet must be the whole rest (일당백 is "one against a hundred"; a modifier alone
    // is no epithet), and only a person takes one: 북한도당 would be a party's provincial
    // branch, 평양역도 is "Pyongyang Station too".
    EXPECT_EQ(hits("김정은일당백 리승만매국 리승만역도회"), Hits{});
    EXPECT_EQ(hits("북한도당 평양역도 감사원역도"), Hits{});
}

TEST_F(EntityMatcherTest, EveryDocumentedSuffixIsAccepted) {
    using Suffix = EntityTokenizer::NameSuffix;
    const std::pair<Suffix, Hit> cases[] = {
        {Suffix::title, {"kim-jong-un", 0, 9}},   {Suffix::unit, {"pyongyang", 0, 6}},
        {Suffix::seat, {"pyongyang", 0, 6}},      {Suffix::office, {"board-of-audit", 0, 9}},
        {Suffix::epithet, {"kim-jong-un", 0, 9}}, {Suffix::realm, {"pyongyang", 0, 6}}};
    for (const auto& [kind, hit] : cases) {
        const std::string name = hit.id == "kim-jong-un" ? "\uAE40\uC815\uC740"   // 김정은
                                 : hit.id == "pyongyang" ? "\uD3C9\uC591"         // 평양
                                                         : "\uAC10\uC0AC\uC6D0";  // 감사원
        ASSERT_FALSE(EntityTokenizer::name_suffixes(kind).empty());
        for (const auto suffix : EntityTokenizer::name_suffixes(kind)) {
            const std::string text = name + std::string(suffix) + "\uC758";  // + 의
            EXPECT_EQ(hits(text), Hits{hit}) << text;
        }
    }
    // Every word of abuse may open an epithet: 김정은 + 매국 + 역도 + 의.
    ASSERT_FALSE(EntityTokenizer::epithet_modifiers().empty());
    for (const auto modifier : EntityTokenizer::epithet_modifiers()) {
        const std::string text =
            "\uAE40\uC815\uC740" + std::string(modifier) + "\uC5ED\uB3C4\uC758";
        EXPECT_EQ(hits(text), (Hits{{"kim-jong-un", 0, 9}})) << text;
    }
    // Every word of kind may open a realm: 평양 + 사회주의 + 정부 + 의.
    ASSERT_FALSE(EntityTokenizer::realm_modifiers().empty());
    for (const auto modifier : EntityTokenizer::realm_modifiers()) {
        const std::string text = "\uD3C9\uC591" + std::string(modifier) + "\uC815\uBD80\uC758";
        EXPECT_EQ(hits(text), (Hits{{"pyongyang", 0, 6}})) << text;
    }
}

TEST_F(EntityMatcherTest, AnAliasBeforeAPlaceCountsOnlyThere) {
    // Bare 경기 is Gyeonggi only right before a place ("경기 성남시"); otherwise it is the
    // economy or a game (경기 둔화, 경기 후반). 경기 and 성남 are 6 bytes each.
    EXPECT_EQ(hits("경기 성남시에서"), (Hits{{"gyeonggi-province", 0, 6}, {"seongnam", 7, 13}}));
    EXPECT_EQ(hits("경기 둔화"), Hits{});
    EXPECT_EQ(hits("경기가 성남"), (Hits{{"seongnam", 10, 16}}));
    EXPECT_EQ(hits("경기, 성남"), (Hits{{"seongnam", 8, 14}}));
    EXPECT_EQ(hits("경기\n성남"), (Hits{{"seongnam", 7, 13}}));
    EXPECT_EQ(hits("경기 삼성"), (Hits{{"samsung", 7, 13}}));  // an organisation is no place
    EXPECT_EQ(hits("성남 경기"), (Hits{{"seongnam", 0, 6}}));
    EXPECT_EQ(ids_of("경기 성남시", {}), (Ids{"gyeonggi-province", "seongnam"}));
    // The matcher of a query finds what the whole matcher finds.
    const EntityMatcher for_query(*gazetteer_, "경기 둔화");
    EXPECT_TRUE(for_query.find_mentions("경기 둔화").empty());
}

TEST_F(EntityMatcherTest, MixedHangulAndLatin) {
    // "DPRK의 김정은과 US" : DPRK [0,4), 의 [4,7), space, 김정은 [8,17), 과, space, US [21,23).
    EXPECT_EQ(hits("DPRK의 김정은과 US"),
              (Hits{{"north-korea", 0, 4}, {"kim-jong-un", 8, 17}, {"united-states", 21, 23}}));
    EXPECT_EQ(hits("NIS요원"), (Hits{{"nis", 0, 3}}));  // an acronym glued to a Hangul noun counts
    EXPECT_EQ(hits("北 미사일"), (Hits{{"north-korea", 0, 3}}));
    EXPECT_EQ(hits("北京"), Hits{});
    EXPECT_EQ(hits("Kim Jong Un(김정은)"), (Hits{{"kim-jong-un", 0, 11}, {"kim-jong-un", 12, 21}}));
}

TEST_F(EntityMatcherTest, AmbiguousAliasGivesTheDefaultInRawMentions) {
    EXPECT_EQ(hits("Ri Yong Ho arrived"), (Hits{{"ri-yong-ho", 0, 10}}));
}

TEST_F(EntityMatcherTest, AmbiguityResolvedByContext) {
    EXPECT_EQ(ids_of("KPA drill", {"Ri Yong Ho inspected the unit."}),
              (Ids{"korean-peoples-army", "ri-yong-ho-general"}));
    EXPECT_EQ(ids_of("Talks", {"Ri Yong-ho met US officials."}),
              (Ids{"ri-yong-ho", "united-states"}));
}

TEST_F(EntityMatcherTest, AmbiguityResolvedByTheArticlesOwnUnambiguousName) {
    // One sense per article: the general's Hangul name settles the English one, even where
    // the context (the United States) would pick the foreign minister.
    EXPECT_EQ(ids_of("", {"\uB9AC\uC601\uD638 (Ri Yong Ho) met US officials."}),
              (Ids{"ri-yong-ho-general", "united-states"}));
    EXPECT_EQ(ids_of("KPA", {"Ri Yong Ho spoke.", "\uB9AC\uC6A9\uD638"}),
              (Ids{"korean-peoples-army", "ri-yong-ho"}));
    // Both named unambiguously: the ambiguous mention adds nothing either way.
    EXPECT_EQ(ids_of("", {"\uB9AC\uC601\uD638, \uB9AC\uC6A9\uD638, Ri Yong Ho"}),
              (Ids{"ri-yong-ho", "ri-yong-ho-general"}));
}

TEST_F(EntityMatcherTest, AmbiguityFallsBackToTheDefault) {
    EXPECT_EQ(ids_of("", {"Ri Yong Ho spoke."}), (Ids{"ri-yong-ho"}));
    // A tie between contexts keeps the default.
    EXPECT_EQ(ids_of("", {"Ri Yong Ho, KPA, US."}),
              (Ids{"korean-peoples-army", "ri-yong-ho", "united-states"}));
}

TEST_F(EntityMatcherTest, PlaceQualifiedOrgsMustFitTheirRefs) {
    // Another country's ministry is not one of ours...
    EXPECT_EQ(ids_of("", {"The Russian Foreign Ministry said."}), (Ids{"russia"}));
    EXPECT_EQ(ids_of("", {"The Foreign Ministry of Russia said."}), (Ids{"russia"}));
    // ... a qualifier picks the candidate whose refs name it ...
    EXPECT_EQ(ids_of("", {"South Korea's Foreign Ministry said."}),
              (Ids{"foreign-ministry-rok", "south-korea"}));
    EXPECT_EQ(ids_of("", {"the Foreign Ministry of the DPRK"}),
              (Ids{"foreign-ministry-dprk", "north-korea"}));
    // ... a metonym qualifies through its also refs (Pyongyang -> north-korea) ...
    EXPECT_EQ(ids_of("", {"Pyongyang Foreign Ministry"}),
              (Ids{"foreign-ministry-dprk", "north-korea", "pyongyang"}));
    // ... no qualifier leaves the default, and an org without refs is never dropped.
    EXPECT_EQ(ids_of("", {"The Foreign Ministry said."}), (Ids{"foreign-ministry-dprk"}));
    EXPECT_EQ(ids_of("", {"Russian Samsung fans"}), (Ids{"russia", "samsung"}));
    // Raw mentions do not apply the rule.
    EXPECT_EQ(hits("Russian Foreign Ministry"),
              (Hits{{"russia", 0, 7}, {"foreign-ministry-dprk", 8, 24}}));
}

TEST_F(EntityMatcherTest, MetonymsAddAlsoRefs) {
    EXPECT_EQ(ids_of("Pyongyang said", {}), (Ids{"north-korea", "pyongyang"}));
    EXPECT_EQ(ids_of("", {"평양에서", "서울"}),
              (Ids{"north-korea", "pyongyang", "seoul", "south-korea"}));
    EXPECT_EQ(ids_of("WPK", {}), (Ids{"north-korea", "workers-party-of-korea"}));
}

TEST_F(EntityMatcherTest, EntitiesAreUniqueAndSortedById) {
    EXPECT_EQ(ids_of("Kim Jong-un and US", {"김정은과 미국", "U.S. and Kim Jong Un's DPRK"}),
              (Ids{"kim-jong-un", "north-korea", "united-states"}));
}

TEST_F(EntityMatcherTest, EnglishDatelinesAreSkipped) {
    EXPECT_EQ(ids_of("", {"Pyongyang, May 29 (KCNA) -- Kim Jong Un visited a farm."}),
              (Ids{"kim-jong-un", "north-korea"}));
    EXPECT_EQ(ids_of("", {"By Kim Soo-yeon SEOUL, Dec. 30 (Yonhap) -- The NIS said so."}),
              (Ids{"nis"}));
    EXPECT_EQ(ids_of("", {"SEOUL, Dec. 30 (Yonhap) -- Seoul said so."}),
              (Ids{"seoul", "south-korea"}));
    EXPECT_EQ(ids_of("", {"SEOUL, Dec. 28 (Yonhap) - Seoul said so."}),
              (Ids{"seoul", "south-korea"}));
    EXPECT_EQ(ids_of("", {"SEOUL, Dec. 28 (Yonhap) \u2014 NIS"}), (Ids{"nis"}));
    // Only a leading dateline goes: a later one is text.
    EXPECT_EQ(ids_of("", {"Hello.", "More text here.", "Pyongyang, May 29 (KCNA) -- x"}),
              (Ids{"north-korea", "pyongyang"}));
}

TEST_F(EntityMatcherTest, KoreanCreditsAreSkipped) {
    EXPECT_EQ(ids_of("", {"(서울=연합뉴스) 정준영 기자 = 북한은 28일"}), (Ids{"north-korea"}));
    EXPECT_EQ(ids_of("", {"미국 부제목", "", "(서울=연합뉴스) 김철선 홍지인 기자 = 기사"}),
              (Ids{"united-states"}));
    EXPECT_EQ(ids_of("", {"[평양=AP] 김정은"}), (Ids{"kim-jong-un", "north-korea"}));
    // Some credits write a full-width equals sign, "＝" (U+FF1D): the place and the names
    // after it go as after "=", and its exchange rate is text as well.
    EXPECT_EQ(ids_of("", {"(서울\uFF1D연합뉴스) 김준호 기자 = 북한은"}), (Ids{"north-korea"}));
    EXPECT_EQ(ids_of("", {"(서울\uFF1D연합뉴스) 김정은 기자 \uFF1D 북한"}), (Ids{"north-korea"}));
    EXPECT_EQ(ids_of("", {"(1달러\uFF1D1,400원) 서울"}), (Ids{"seoul", "south-korea"}));
    // An exchange rate in parentheses is not a credit.
    EXPECT_EQ(ids_of("", {"(1달러=1,400원) 서울"}), (Ids{"seoul", "south-korea"}));
    // An outlet's name may hold a digit.
    EXPECT_EQ(ids_of("", {"부제목", "", "(서울=뉴스1) 유민주 기자 = 북한은"}),
              (Ids{"north-korea"}));
    // A credit anywhere in a paragraph goes, with its reporters: digests end each item so.
    const std::string item = "\uBBF8\uAD6D " + std::string(700, 'x') + ". ";  // 미국 ...
    EXPECT_EQ(ids_of("", {item + "(서울=연합뉴스)", item + "(서울=연합뉴스) 김정은 기자 = 북한"}),
              (Ids{"north-korea", "united-states"}));
    // A byline in square brackets: the reporter named 김정은 is nobody's leader.
    EXPECT_EQ(ids_of("", {"부제[이데일리 김정은 황병서 기자] 북한이"}), (Ids{"north-korea"}));
    EXPECT_EQ(ids_of("", {"[김정은 기자회견] 북한이"}), (Ids{"kim-jong-un", "north-korea"}));
}

TEST_F(EntityMatcherTest, NoticesTagNobodyByAHangulName) {
    // "[인사]" and "[부고]" notices list officials and the bereaved, not the famous namesakes.
    EXPECT_EQ(ids_of("[인사] 평양시", {"▲ 자치행정과 김정은 ▲ 문재인"}),
              (Ids{"north-korea", "pyongyang"}));
    EXPECT_EQ(ids_of(" [부고] 김정은씨 별세", {}), Ids{});
    EXPECT_EQ(ids_of("[인사] 외교부", {"Kim Jong Un"}),
              (Ids{"foreign-ministry-rok", "kim-jong-un", "north-korea"}));
    EXPECT_EQ(ids_of("인사 김정은", {}), (Ids{"kim-jong-un", "north-korea"}));
    EXPECT_TRUE(EntityMatcher::is_notice("[인사] 국세청"));
    EXPECT_FALSE(EntityMatcher::is_notice("[동정] 외교부"));
}

TEST_F(EntityMatcherTest, PhotoCreditsAreSkipped) {
    EXPECT_EQ(ids_of("", {"Kim Jong-un waves. (Pool photo via Seoul)Seoul said."}),
              (Ids{"kim-jong-un", "north-korea", "seoul", "south-korea"}));
    EXPECT_EQ(ids_of("", {"Kim Jong-un waves. (Pool photo via Seoul)"}),
              (Ids{"kim-jong-un", "north-korea"}));
    EXPECT_EQ(ids_of("", {"\uAE40\uC815\uC740 (\uC0AC\uC9C4=\uD3C9\uC591 "
                          "\uC870\uC120\uC911\uC559\uD1B5\uC2E0)"}),
              (Ids{"kim-jong-un", "north-korea"}));  // 김정은 (사진=평양 조선중앙통신)
    // 『저작집』2권 (평양:조선로동당출판사, 1979): a publisher's city is not a topic.
    EXPECT_EQ(ids_of("", {"\uC800\uC791\uC9D1 "
                          "(\uD3C9\uC591:\uC870\uC120\uB85C\uB3D9\uB2F9\uCD9C\uD310\uC0AC, 1979)"}),
              Ids{});
    EXPECT_EQ(ids_of("", {"A rally in Seoul (left) and Pyongyang"}),
              (Ids{"north-korea", "pyongyang", "seoul", "south-korea"}));
    EXPECT_EQ(EntityMatcher::source_credits("ab (Seoul DB) cd (x) (Yonhap)"),
              (std::vector<std::pair<std::size_t, std::size_t>>{{3, 13}, {21, 29}}));
    // "(NAME/OUTLET)": a photographer and a paper, as The Korea Herald credits its photos.
    EXPECT_EQ(ids_of("", {"A rally (Im Se-jun/The Seoul Herald)"}), Ids{});
    EXPECT_EQ(ids_of("", {"A rally (www.seoul.go.kr/Seoul) (1/2 Seoul)"}),
              (Ids{"seoul", "south-korea"}));
}

TEST_F(EntityMatcherTest, ACaptionsClosingCreditIsSkipped) {
    // The Korea Herald's captions end in a credit that the crawl glues to the next
    // paragraph's first word ("(Bloomberg)Nvidia has"), which is still read as a name.
    EXPECT_EQ(ids_of("", {"Chips on show on Nov. 3. (Samsung)Seoul said"}),
              (Ids{"seoul", "south-korea"}));
    EXPECT_EQ(ids_of("", {"(Samsung)Kim Jong-un said"}), (Ids{"kim-jong-un", "north-korea"}));
    // Or it closes the paragraph after the caption's full stop: "... in 2026. (SPC Group)".
    EXPECT_EQ(ids_of("", {"Fan events start in 2026. (Samsung)"}), Ids{});
    // Not a word's own parenthesis ("폐쇄회로(CC)TV"), prose with a space after it, the end of
    // a sentence's words, or a citation with its date.
    EXPECT_EQ(ids_of("", {"NIS(Samsung)Seoul"}), (Ids{"nis", "samsung", "seoul", "south-korea"}));
    EXPECT_EQ(ids_of("", {"Talks (Samsung) went on."}), (Ids{"samsung"}));
    EXPECT_EQ(ids_of("", {"Talks went on with (Samsung)"}), (Ids{"samsung"}));
    EXPECT_EQ(ids_of("", {"As agreed. (Samsung statement, June 11, 1993)"}), (Ids{"samsung"}));
    EXPECT_EQ(ids_of("", {"Grand Prix: \"Big Hope\" (Samsung)"}), (Ids{"samsung"}));
    EXPECT_EQ(EntityMatcher::source_credits("a. (Samsung)B"),
              (std::vector<std::pair<std::size_t, std::size_t>>{{3, 12}}));
}

TEST_F(EntityMatcherTest, ADemonymNamingALanguageIsNoState) {
    // "Chinese-language", "the Japanese language", "the Chinese zodiac".
    EXPECT_EQ(hits("Russian-language media"), Hits{});
    EXPECT_EQ(hits("written in the Russian language."), Hits{});
    EXPECT_EQ(hits("by the Russian zodiac, in Russian characters"), Hits{});
    // A list closed by such a word, or holding a name that is a language only.
    EXPECT_EQ(hits("in any of Korean, Russian and Chinese languages"), Hits{});
    EXPECT_EQ(hits("It supports English, Russian, Vietnamese, and Korean"), Hits{});
    EXPECT_EQ(hits("in Russian and English"), Hits{});
    EXPECT_EQ(hits("in Mandarin Russian"), Hits{});
    // The people's adjective still names the state.
    EXPECT_EQ(hits("a Russian delegation"), (Hits{{"russia", 2, 9}}));
    EXPECT_EQ(hits("Russian-speaking regions"), (Hits{{"russia", 0, 7}}));
    EXPECT_EQ(hits("the Korean and Russian peoples"), (Hits{{"russia", 15, 22}}));
    EXPECT_EQ(hits("Russian, Korean and Chinese acrobats"), (Hits{{"russia", 0, 7}}));
    EXPECT_EQ(hits("Russian. English"), (Hits{{"russia", 0, 7}}));
    EXPECT_EQ(ids_of("", {"The Russian language and a Russian envoy"}), (Ids{"russia"}));
    EXPECT_TRUE(LanguageName::is_language("chinese"));
    EXPECT_FALSE(LanguageName::is_language("american"));
}

TEST_F(EntityMatcherTest, TrailingEmailCreditsAreSkipped) {
    EXPECT_EQ(ids_of("", {"SEOUL, Jan. 2 (Yonhap) -- Talks.", "", "seoul@yna.co.kr(END)"}), Ids{});
    EXPECT_EQ(ids_of("", {"북한은 말했다. 2025.12.30 seoul@yna.co.kr"}), (Ids{"north-korea"}));
    EXPECT_EQ(ids_of("", {"Write to seoul@yna.co.kr about Seoul."}), (Ids{"seoul", "south-korea"}));
}

TEST_F(EntityMatcherTest, VideoCreditsAreSkipped) {
    // Yonhap's videos end "제작: NAMES 영상: SOURCES": the makers and the footage's sources.
    EXPECT_EQ(
        ids_of("", {"북한은 말했다. 제작: 김해연·황성욱 영상: 평양 웨이보·미국 X ab@yna.co.kr"}),
        (Ids{"north-korea"}));
    EXPECT_EQ(ids_of("", {"북한. 제작 : 전석우·김혜원 영상 : 서울TV·평양"}), (Ids{"north-korea"}));
    EXPECT_EQ(ids_of("", {"북한. 제작: 진혜숙·변혜정영상: 미국"}), (Ids{"north-korea"}));
    // Without the makers' "제작:", or without "영상:" after them, it is text.
    EXPECT_EQ(ids_of("", {"영상: 평양"}), (Ids{"north-korea", "pyongyang"}));
    EXPECT_EQ(ids_of("", {"평양 제작: 미국"}), (Ids{"north-korea", "pyongyang", "united-states"}));
    EXPECT_EQ(EntityMatcher::video_credit("ab 제작: 김 영상: x"), 3u);
    EXPECT_EQ(EntityMatcher::video_credit("ab 제작진 영상: x"), 22u);  // none: the size
}

TEST_F(EntityMatcherTest, SocialHandlesAreNoMentions) {
    // Yonhap's graphics sign off "X(트위터) @yonhap_graphics 페이스북 ..." after the reporter's
    // e-mail, and its videos credit "X @handle" accounts: a name right after '@' is a handle.
    EXPECT_EQ(hits("@Seoul and Seoul"), (Hits{{"seoul", 11, 16}}));
    EXPECT_EQ(ids_of("", {"북한은 말했다. ab@yna.co.kr X(트위터) @seoul_graphics 페이스북"}),
              (Ids{"north-korea"}));
    EXPECT_EQ(hits("@\uD3C9\uC591"), Hits{});  // @평양
}

TEST_F(EntityMatcherTest, CreditShapes) {
    EXPECT_EQ(EntityMatcher::dateline_end("Pyongyang, May 29 (KCNA) -- Text"), 28u);
    EXPECT_EQ(EntityMatcher::dateline_end("(ATTN: UPDATES)By Kang SEOUL, Dec. 30 (Yonhap) -- KT"),
              50u);
    EXPECT_EQ(EntityMatcher::dateline_end("No dateline (here) -- at all"), 0u);
    using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
    // "(서울=연합뉴스) " is 22 bytes, "정준영 기자 = " 19 more.
    EXPECT_EQ(EntityMatcher::reporter_credits("(서울=연합뉴스) 정준영 기자 = 본문"),
              (Ranges{{0, 41}}));
    EXPECT_EQ(EntityMatcher::reporter_credits("본문 (괄호) 본문"), Ranges{});
    // Two in one paragraph; the names after the second are text ("기자회견" is no title, and a
    // full stop ends the names).
    EXPECT_EQ(EntityMatcher::reporter_credits("a (서울=뉴스1) b [평양=AP] c 기자회견 = d"),
              (Ranges{{2, 19}, {21, 33}}));
    EXPECT_EQ(EntityMatcher::reporter_credits("(서울=연합뉴스) 끝. 김 기자 = d"),
              (Ranges{{0, 22}}));
    // "(대전＝연합뉴스) " is 24 bytes (the full-width sign is 3), "김준호 기자 ＝ " 21 more.
    EXPECT_EQ(EntityMatcher::reporter_credits("(대전\uFF1D연합뉴스) 김준호 기자 \uFF1D 본문"),
              (Ranges{{0, 45}}));
    EXPECT_EQ(EntityMatcher::trailing_credit("Text. ab@yna.co.kr (END)"), 6u);
    EXPECT_EQ(EntityMatcher::trailing_credit("mail ab@yna.co.kr later"), 23u);
    // A graphic's sign-off after the address: "X(트위터) @yonhap_graphics 페이스북 tuney.kr/LeYN1".
    EXPECT_EQ(EntityMatcher::trailing_credit("Text. ab@yna.co.kr X(\uD2B8\uC704\uD130) "
                                             "@yonhap_graphics \uD398\uC774\uC2A4\uBD81 "
                                             "tuney.kr/LeYN1"),
              6u);
    // Without an address before it, or with a word of text after it, no credit.
    EXPECT_EQ(EntityMatcher::trailing_credit("He wrote on \uD398\uC774\uC2A4\uBD81 a.kr/b"), 31u);
    EXPECT_EQ(EntityMatcher::trailing_credit("ab@yna.co.kr \uD398\uC774\uC2A4\uBD81 Seoul"), 31u);
}

TEST_F(EntityMatcherTest, BracketedPhotoCreditsAreSkipped) {
    using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
    // "[사진 출처 : 연합뉴스]", "[Seoul 제공. 재판매 및 DB 금지]", "[Seoul 제공]", "[Seoul DB]".
    EXPECT_EQ(EntityMatcher::source_credits("a [\uC0AC\uC9C4 \uCD9C\uCC98 : Seoul] b"),
              (Ranges{{2, 25}}));
    EXPECT_EQ(ids_of("", {"A rally. [Seoul \uC81C\uACF5. \uC7AC\uD310\uB9E4 \uBC0F DB "
                          "\uAE08\uC9C0]"}),
              Ids{});
    EXPECT_EQ(ids_of("", {"A rally. [Seoul \uC81C\uACF5]"}), Ids{});
    EXPECT_EQ(ids_of("", {"A rally. [Seoul DB]"}), Ids{});
    // Other brackets are text: a headline tag, a place in brackets.
    EXPECT_EQ(ids_of("", {"[Seoul] A rally"}), (Ids{"seoul", "south-korea"}));
    EXPECT_EQ(ids_of("", {"A rally [in Seoul] today"}), (Ids{"seoul", "south-korea"}));
}

// Aliases that count only beside their context (<alias context="required">): a public figure
// whose name many private people share. Its own small gazetteer, parsed from text.
class ContextRequiredTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        gazetteer_ = new Gazetteer(Gazetteer::parse(R"(<gazetteer version="1">
  <entity id="south-korea" type="place" name="South Korea"><alias>한국</alias></entity>
  <entity id="china" type="place" name="China"><alias>중국</alias></entity>
  <entity id="north-chungcheong" type="place" name="North Chungcheong"><alias>충북</alias></entity>
  <entity id="cheongju" type="place" name="Cheongju"><alias>청주</alias>
    <also ref="north-chungcheong"/></entity>
  <entity id="labor-ministry" type="org" name="Labor Ministry"><alias>고용노동부</alias>
    <alias>노동부</alias></entity>
  <entity id="climate-ministry" type="org" name="Climate Ministry"><alias>기후에너지환경부</alias></entity>
  <entity id="kis" type="org" name="Korea Investment"><alias>한국투자증권</alias></entity>
  <entity id="doosan" type="org" name="Doosan"><alias>두산</alias></entity>
  <entity id="kim-young-hoon" type="person" name="Kim Young-hoon">
    <alias context="required">김영훈</alias>
    <context ref="labor-ministry"/>
  </entity>
  <entity id="kim-sung-whan" type="person" name="Kim Sung-whan">
    <alias ambiguous="true" default="true" context="required">김성환</alias>
    <context ref="climate-ministry"/>
  </entity>
  <entity id="kim-sung-hwan-kis" type="person" name="Kim Sung-hwan">
    <alias ambiguous="true">김성환</alias>
    <context ref="kis"/>
  </entity>
  <entity id="yoon-gun-young" type="person" name="Yoon Gun-young">
    <alias context="required">윤건영</alias>
    <context ref="north-chungcheong"/>
  </entity>
  <entity id="park-jeong" type="person" name="Park Jeong"/>
  <entity id="park-jeong-won" type="person" name="Park Jeong-won">
    <alias context="required">Park Jeong-won</alias>
    <context ref="doosan"/>
  </entity>
  <entity id="mofa-rok" type="org" name="Foreign Ministry">
    <alias ambiguous="true" default="true">외교부</alias>
    <context ref="south-korea"/>
  </entity>
  <entity id="mofa-china" type="org" name="Chinese Foreign Ministry">
    <alias ambiguous="true" context="required">외교부</alias>
    <context ref="china"/>
  </entity>
  <entity id="chungbuk-education-office" type="org" name="Chungbuk Education Office">
    <alias context="required">교육청</alias>
    <also ref="north-chungcheong"/>
    <context ref="north-chungcheong"/>
  </entity>
</gazetteer>)",
                                                    "context_required.xml"));
        matcher_ = new EntityMatcher(*gazetteer_);
    }
    static void TearDownTestSuite() {
        delete matcher_;
        delete gazetteer_;
    }
    static std::vector<std::string> ids_of(const std::string& title,
                                           std::vector<std::string> paragraphs) {
        Article a;
        a.title = title;
        a.paragraphs = std::move(paragraphs);
        std::vector<std::string> out;
        for (const auto* e : matcher_->entities_of(a)) out.emplace_back(e->id);
        return out;
    }

    static Gazetteer* gazetteer_;
    static EntityMatcher* matcher_;
};

Gazetteer* ContextRequiredTest::gazetteer_ = nullptr;
EntityMatcher* ContextRequiredTest::matcher_ = nullptr;

TEST_F(ContextRequiredTest, AnAliasCountsOnlyWhereTheArticleNamesItsContext) {
    // "김영훈 고용노동부 장관": the ministry he heads, anywhere in the article, title or body.
    EXPECT_EQ(ids_of("", {"김영훈 고용노동부 장관은 말했다."}),
              (Ids{"kim-young-hoon", "labor-ministry"}));
    EXPECT_EQ(ids_of("김영훈 장관", {"노동부는 밝혔다."}),
              (Ids{"kim-young-hoon", "labor-ministry"}));
    // The lawyer, the professor of the same name: no ministry, no tag.
    EXPECT_EQ(ids_of("", {"김영훈 변호사를 영입했다."}), Ids{});
    EXPECT_EQ(ids_of("김영훈 교수", {"김영훈 교수는"}), Ids{});
    // Glued to a title as any name: still only beside its context.
    EXPECT_EQ(ids_of("", {"김영훈장관은"}), Ids{});
    EXPECT_EQ(ids_of("", {"김영훈장관은 노동부의"}), (Ids{"kim-young-hoon", "labor-ministry"}));
    // A credit is no context: "(서울=연합뉴스)" and its like are skipped before counting.
    EXPECT_EQ(ids_of("", {"(고용노동부=연합뉴스) 김영훈 씨가"}), Ids{});
    // The text alone (a query) cannot say: find_mentions gives the alias's entity.
    ASSERT_EQ(matcher_->find_mentions("김영훈").size(), 1u);
    EXPECT_EQ(matcher_->find_mentions("김영훈")[0].entity->id, "kim-young-hoon");
}

TEST_F(ContextRequiredTest, ContextComesThroughAlsoRefs) {
    // 청주 counts as North Chungcheong (its `also`), the superintendent's context.
    EXPECT_EQ(ids_of("", {"청주에서 윤건영 교육감은"}),
              (Ids{"cheongju", "north-chungcheong", "yoon-gun-young"}));
    EXPECT_EQ(ids_of("", {"윤건영 의원은"}), Ids{});
    // A conditional alias kept adds its own `also` refs like any mention.
    EXPECT_EQ(ids_of("", {"충북 교육청은"}),
              (Ids{"chungbuk-education-office", "north-chungcheong"}));
    EXPECT_EQ(ids_of("", {"교육청은"}), Ids{});
}

TEST_F(ContextRequiredTest, ComposesWithAmbiguity) {
    // The minister's 김성환 needs his ministry; without it the other owner, the analyst, takes
    // the alias, which counts anywhere (the default's tie goes to him).
    EXPECT_EQ(ids_of("", {"김성환 기후에너지환경부 장관"}),
              (Ids{"climate-ministry", "kim-sung-whan"}));
    EXPECT_EQ(ids_of("", {"김성환 한국투자증권 사장"}), (Ids{"kim-sung-hwan-kis", "kis"}));
    EXPECT_EQ(ids_of("", {"김성환 연구원은"}), Ids{"kim-sung-hwan-kis"});
    // Both contexts: the ordinary rules decide (one mention each, a tie: the default).
    EXPECT_EQ(ids_of("", {"김성환 기후에너지환경부 장관과 한국투자증권"}),
              (Ids{"climate-ministry", "kim-sung-whan", "kis"}));
}

TEST_F(ContextRequiredTest, ComposesWithLongestMatch) {
    // "Park Jeong-won" holds its words even where it does not count: it is no "Park Jeong".
    EXPECT_EQ(ids_of("", {"Park Jeong-won of Doosan"}), (Ids{"doosan", "park-jeong-won"}));
    EXPECT_EQ(ids_of("", {"Park Jeong-won said"}), Ids{});
    EXPECT_EQ(ids_of("", {"Park Jeong said"}), Ids{"park-jeong"});
}

TEST_F(ContextRequiredTest, ComposesWithThePlaceQualifiedRule) {
    // "중국 외교부": the place before it keeps China's ministry, and is its context too.
    EXPECT_EQ(ids_of("", {"중국 외교부는"}), (Ids{"china", "mofa-china"}));
    EXPECT_EQ(ids_of("", {"한국 외교부는"}), (Ids{"mofa-rok", "south-korea"}));
    // Unqualified, without China in the article: the conditional owner is out.
    EXPECT_EQ(ids_of("", {"외교부는"}), Ids{"mofa-rok"});
    // China named elsewhere: the ordinary context scores decide.
    EXPECT_EQ(ids_of("", {"중국에 대해 외교부는"}), (Ids{"china", "mofa-china"}));
}

TEST_F(ContextRequiredTest, AConditionalMentionIsNoContextForAnother) {
    // The ministry's alias 교육청 needs North Chungcheong; the superintendent needs it too: one
    // conditional name cannot vouch for the other.
    EXPECT_EQ(ids_of("", {"윤건영 교육청"}), Ids{});
}

// A list of bare names closed by a plural head ("Toksong and Kowon counties") names each
// as it would be with the singular head ("Toksong County", "Kowon County"). Its own small
// gazetteer: bare Kowon is a coal mine, bare Taedong a river, as in the shipped one.
class ListedNamesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // One file per process: ctest runs each test of the suite as a process of its own, in
        // parallel, and one removing a shared file left another nothing to load.
        const std::string path = ::testing::TempDir() + "/yalu_listed_names_gazetteer." +
                                 std::to_string(::getpid()) + ".xml";
        std::ofstream(path, std::ios::binary) << R"(<?xml version="1.0" encoding="UTF-8"?>
<gazetteer version="1">
  <entity id="toksong-county" type="place" name="Toksong County"/>
  <entity id="kowon-county" type="place" name="Kowon County"/>
  <entity id="kowon-coal-mine" type="org" name="Kowon Coal Mine"><alias>Kowon</alias></entity>
  <entity id="unpha-county" type="place" name="Unpha County"/>
  <entity id="yonsan-county" type="place" name="Yonsan County"/>
  <entity id="singye-county" type="place" name="Singye County"/>
  <entity id="taedong-county" type="place" name="Taedong County"/>
  <entity id="taedong-river" type="place" name="Taedong River"><alias>Taedong</alias></entity>
  <entity id="chongjin" type="place" name="Chongjin"><alias>Chongjin City</alias></entity>
  <entity id="nampho" type="place" name="Nampho"><alias>Nampho City</alias></entity>
  <entity id="kangwon" type="place" name="Kangwon Province"><alias>Kangwon</alias></entity>
  <entity id="north-hwanghae" type="place" name="North Hwanghae Province">
    <alias>North Hwanghae</alias>
  </entity>
  <entity id="kim-chaek" type="person" name="Kim Chaek"/>
  <entity id="kim-chaek-city" type="place" name="Kim Chaek City"/>
  <entity id="sinpho-county-farm" type="org" name="Sinpho County"/>
  <entity id="anak-village" type="place" name="Anak Village">
    <alias case="exact">Anak County</alias>
  </entity>
</gazetteer>
)";
        gazetteer_ = new Gazetteer(Gazetteer::load(path));
        matcher_ = new EntityMatcher(*gazetteer_);
        std::remove(path.c_str());
    }
    static void TearDownTestSuite() {
        delete matcher_;
        delete gazetteer_;
    }
    static std::vector<Hit> hits(std::string_view text) {
        std::vector<Hit> out;
        for (const auto& m : matcher_->find_mentions(text))
            out.push_back({std::string(m.entity->id), m.begin, m.end});
        return out;
    }

    static Gazetteer* gazetteer_;
    static EntityMatcher* matcher_;
};

Gazetteer* ListedNamesTest::gazetteer_ = nullptr;
EntityMatcher* ListedNamesTest::matcher_ = nullptr;

TEST_F(ListedNamesTest, TwoNamesTakeThePluralHead) {
    // Each name is a mention of its own, the head word not included.
    EXPECT_EQ(hits("Toksong and Kowon counties"),
              (Hits{{"toksong-county", 0, 7}, {"kowon-county", 12, 17}}));
    EXPECT_EQ(hits("in Chongjin and Nampho cities."),
              (Hits{{"chongjin", 3, 11}, {"nampho", 16, 22}}));
    // Names of several words, and a headline's capitals.
    EXPECT_EQ(hits("Kangwon and North Hwanghae Provinces"),
              (Hits{{"kangwon", 0, 7}, {"north-hwanghae", 12, 26}}));
    EXPECT_EQ(hits("Chongjin and Kim Chaek cities"),
              (Hits{{"chongjin", 0, 8}, {"kim-chaek-city", 13, 22}}));
}

TEST_F(ListedNamesTest, ThreeNamesOrMore) {
    EXPECT_EQ(hits("Unpha, Yonsan and Singye counties"),
              (Hits{{"unpha-county", 0, 5}, {"yonsan-county", 7, 13}, {"singye-county", 18, 24}}));
    EXPECT_EQ(hits("Unpha, Yonsan, and Singye counties"),
              (Hits{{"unpha-county", 0, 5}, {"yonsan-county", 7, 13}, {"singye-county", 19, 25}}));
    EXPECT_EQ(hits("Toksong, Unpha, Kowon and Singye counties"), (Hits{{"toksong-county", 0, 7},
                                                                       {"unpha-county", 9, 14},
                                                                       {"kowon-county", 16, 21},
                                                                       {"singye-county", 26, 32}}));
}

TEST_F(ListedNamesTest, ANameTheGazetteerLacksIsSkipped) {
    EXPECT_EQ(hits("Sohung and Toksong counties"), (Hits{{"toksong-county", 11, 18}}));
    EXPECT_EQ(hits("Sohung, Kowon and Sinchon counties"), (Hits{{"kowon-county", 8, 13}}));
    EXPECT_EQ(hits("Sohung and Sinchon counties"), Hits{});
    // A word before the list that is no name of it ("Wednesday, ...") names nothing.
    EXPECT_EQ(hits("on Wednesday, Unpha and Yonsan counties"),
              (Hits{{"unpha-county", 14, 19}, {"yonsan-county", 24, 30}}));
    // A name already carrying its head is read as it is.
    EXPECT_EQ(hits("Nampho City, Toksong and Kowon counties"),
              (Hits{{"nampho", 0, 11}, {"toksong-county", 13, 20}, {"kowon-county", 25, 30}}));
}

TEST_F(ListedNamesTest, AnAmbiguousBareNameIsReadWithItsHead) {
    // Bare Kowon is the coal mine and bare Taedong the river; in the list they are counties.
    EXPECT_EQ(hits("Kowon"), (Hits{{"kowon-coal-mine", 0, 5}}));
    EXPECT_EQ(hits("Kowon and Taedong counties"),
              (Hits{{"kowon-county", 0, 5}, {"taedong-county", 10, 17}}));
    EXPECT_EQ(hits("the Taedong and Kowon"),
              (Hits{{"taedong-river", 4, 11}, {"kowon-coal-mine", 16, 21}}));
    // A person's name in a list of cities is the city ("Kim Chaek City").
    EXPECT_EQ(hits("Kim Chaek visited Chongjin"),
              (Hits{{"kim-chaek", 0, 9}, {"chongjin", 18, 26}}));
    // Only a place counts, and not by an exact-case alias, which the list does not write.
    EXPECT_EQ(hits("Sinpho and Kowon counties"), (Hits{{"kowon-county", 11, 16}}));
    EXPECT_EQ(hits("Anak and Kowon counties"), (Hits{{"kowon-county", 9, 14}}));
}

TEST_F(ListedNamesTest, OtherWordsBeforeAPluralHeadAreNoList) {
    // "and" joins the list's names only: what comes before another "and" or a lower-case
    // word is not in it.
    EXPECT_EQ(hits("factories and cooperative farms in Kangwon and North Hwanghae provinces"),
              (Hits{{"kangwon", 35, 42}, {"north-hwanghae", 47, 61}}));
    EXPECT_EQ(
        hits("He toured Kowon, and Toksong and Unpha counties"),
        (Hits{{"kowon-coal-mine", 10, 15}, {"toksong-county", 21, 28}, {"unpha-county", 33, 38}}));
    EXPECT_EQ(
        hits("Kowon and Toksong and Unpha counties"),
        (Hits{{"kowon-coal-mine", 0, 5}, {"toksong-county", 10, 17}, {"unpha-county", 22, 27}}));
    // No "and", a lower-case word or a singular head: no list.
    EXPECT_EQ(hits("Kowon counties"), (Hits{{"kowon-coal-mine", 0, 5}}));
    EXPECT_EQ(hits("Kowon, Taedong counties"),
              (Hits{{"kowon-coal-mine", 0, 5}, {"taedong-river", 7, 14}}));
    EXPECT_EQ(hits("Toksong and Kowon county"), (Hits{{"kowon-county", 12, 24}}));
    EXPECT_EQ(hits("Toksong and Kowon factories"), (Hits{{"kowon-coal-mine", 12, 17}}));
    // Words between the names and the head, or a line break, end the list.
    EXPECT_EQ(hits("Toksong and Kowon coal counties"), (Hits{{"kowon-coal-mine", 12, 17}}));
    EXPECT_EQ(hits("Toksong and Kowon\ncounties"), (Hits{{"kowon-coal-mine", 12, 17}}));
    EXPECT_EQ(hits("Toksong and Kowon; counties"), (Hits{{"kowon-coal-mine", 12, 17}}));
}

TEST_F(ListedNamesTest, AListEndingInAndOtherTakesThePluralHead) {
    // KCNA closes a list with "and other counties" as often as with "and X counties": "Wiwon,
    // Junggang, Janggang and other counties", "Kilju and other counties". Its names are read
    // with the singular head, one name as well as several.
    EXPECT_EQ(hits("Kowon and other counties"), (Hits{{"kowon-county", 0, 5}}));
    EXPECT_EQ(hits("Unpha, Yonsan and other counties"),
              (Hits{{"unpha-county", 0, 5}, {"yonsan-county", 7, 13}}));
    EXPECT_EQ(hits("Toksong, Kowon, and other counties"),
              (Hits{{"toksong-county", 0, 7}, {"kowon-county", 9, 14}}));
    EXPECT_EQ(hits("Kowon and Other Counties"), (Hits{{"kowon-county", 0, 5}}));
    // Only "and other" right before the head: another word, "the other", "or other" or a
    // second "and" before the names make no list of them.
    EXPECT_EQ(hits("Kowon and other factories"), (Hits{{"kowon-coal-mine", 0, 5}}));
    EXPECT_EQ(hits("Kowon and the other counties"), (Hits{{"kowon-coal-mine", 0, 5}}));
    EXPECT_EQ(hits("Kowon or other counties"), (Hits{{"kowon-coal-mine", 0, 5}}));
    EXPECT_EQ(hits("Kowon and other big counties"), (Hits{{"kowon-coal-mine", 0, 5}}));
    EXPECT_EQ(hits("Kowon and Toksong and other counties"),
              (Hits{{"kowon-coal-mine", 0, 5}, {"toksong-county", 10, 17}}));
}

TEST_F(ListedNamesTest, AQuerysMatcherFindsTheListToo) {
    for (const char* text : {"Toksong and Kowon counties", "Unpha, Yonsan and Singye counties",
                             "Unpha, Yonsan and other counties"}) {
        const EntityMatcher for_text(*gazetteer_, text);
        std::vector<std::string> whole;
        std::vector<std::string> own;
        for (const auto& m : matcher_->find_mentions(text)) whole.emplace_back(m.entity->id);
        for (const auto& m : for_text.find_mentions(text)) own.emplace_back(m.entity->id);
        EXPECT_EQ(own, whole) << text;
        EXPECT_FALSE(own.empty()) << text;
    }
}

TEST(EntityMatcher, OutlivesTheGazetteerItWasBuiltFrom) {
    // The matcher shares the gazetteer's store: the Gazetteer object it was given may go.
    std::optional<Gazetteer> gazetteer =
        Gazetteer::load((test::source_root() / "schemas/entities.xml").string());
    const EntityMatcher whole(*gazetteer);
    const EntityMatcher for_text(*gazetteer, "Kim Jong Un in Pyongyang");
    gazetteer.reset();
    for (const EntityMatcher* m : {&whole, &for_text}) {
        const auto mentions = m->find_mentions("Kim Jong Un in Pyongyang");
        ASSERT_EQ(mentions.size(), 2u);
        EXPECT_EQ(mentions[0].entity->id, "kim-jong-un");
        EXPECT_EQ(mentions[1].entity->id, "pyongyang");
        EXPECT_EQ(m->gazetteer().find("pyongyang"), mentions[1].entity);
    }
}

TEST(EntityMatcherForText, FindsInItsTextWhatTheWholeMatcherFinds) {
    // The shipped gazetteer, over the benchmark's and the judged set's queries and every
    // paragraph of the sample articles: a matcher built for a text finds exactly the mentions
    // the whole gazetteer's matcher finds there, from a much smaller trie.
    const Gazetteer gazetteer =
        Gazetteer::load((test::source_root() / "schemas/entities.xml").string());
    const EntityMatcher whole(gazetteer);
    std::vector<std::string> texts = {"김정은은 북한의 최고지도자",
                                      "UN envoy to the DPRK",
                                      "Kim Jong Un's visit to Pyongyang",
                                      "N.K. and U.S. talks",
                                      "kim jong un",
                                      "US$207 million",
                                      "조선중앙통신사는"};
    for (const char* file : {"bench/queries.txt", "tests/relevance/queries.tsv"}) {
        std::ifstream in(test::source_root() / file);
        for (std::string line; std::getline(in, line);) texts.push_back(line);
    }
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(test::source_root() / "corpus")) {
        std::ifstream in(entry.path());
        for (std::string line; entry.is_regular_file() && std::getline(in, line);)
            texts.push_back(line);
    }
    ASSERT_GT(texts.size(), 400U);
    const auto described = [](const std::vector<EntityMention>& mentions) {
        std::string out;
        for (const auto& m : mentions)
            out += std::string(m.entity->id) + "@" + std::to_string(m.begin) + "-" +
                   std::to_string(m.end) + " ";
        return out;
    };
    std::size_t with_names = 0;
    for (const auto& text : texts) {
        const auto expected = described(whole.find_mentions(text));
        with_names += expected.empty() ? 0 : 1;
        EXPECT_EQ(described(EntityMatcher(gazetteer, text).find_mentions(text)), expected) << text;
    }
    EXPECT_GT(with_names, 200U) << "the texts must hold names for this to prove anything";
    // A text naming nothing gives a matcher that finds nothing anywhere.
    EXPECT_TRUE(EntityMatcher(gazetteer, "flood damage").find_mentions("Kim Jong Un").empty());
}

}  // namespace
}  // namespace yalu
