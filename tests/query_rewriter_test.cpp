// Tests for QueryRewriter: a golden table of query string -> Query::get_description() (in the
// style of Xapian's own queryparser tests), plus what the rewritten queries match.

#include "test_paths.hpp"
#include "entity_matcher.hpp"
#include "gazetteer.hpp"
#include "query_rewriter.hpp"
#include "thesaurus.hpp"

#include "memory_index.hpp"

#include <gtest/gtest.h>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace yalu {
namespace {

std::filesystem::path source_dir() {
    return test::source_root();
}

std::vector<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(QueryRewriter::weighting());
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    std::vector<Xapian::docid> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
    return ids;
}

// Texts with the entity terms the indexer would give them.
using TaggedTexts = std::vector<std::pair<std::string, std::vector<std::string>>>;

// An in-memory index of `docs` (docids from 1 in order), stemmed as yalu-index stems English.
Xapian::WritableDatabase tagged_index(const TaggedTexts& docs) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const auto& [text, entities] : docs) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text);
        for (const auto& term : entities) doc.add_boolean_term(term);
        db.add_document(doc);
    }
    return db;
}

// The documents `rewriter`'s every-word query for `text` matches, in docid order.
std::vector<Xapian::docid> every_word_matches(const Xapian::Database& db,
                                              const QueryRewriter& rewriter,
                                              const std::string& text) {
    auto found = matches(db, rewriter.rewrite(text, true));
    std::sort(found.begin(), found.end());
    return found;
}

const std::vector<std::string> corpus{
    "North Korea's ballistic missile launch was condemned.",  // 1
    "Talks on the Kaesong industrial zone resumed.",          // 2
    "김정은은 북한의 지도자이다.",                            // 3
    "김 위원장과 정 장관은 만났다.",                          // 4: 김, 정, 은 apart
    "한미 연합 훈련이 시작됐다.",                             // 5: spaced compound
    "The Day of the Sun, Kim Il Sung's birthday.",            // 6
    "Kim Jong-un visited a factory.",                         // 7
    "북한은 어제 순항미사일 두 발을 발사했다.",               // 8: 발사 + a verb ending
};

TEST(QueryRewriter, GoldenDescriptions) {
    const auto db = test::memory_index(corpus);
    const QueryRewriter rewriter(db, Xapian::Stem("english"), nullptr);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"missile", "Query(Zmissil)"},
        // Possessive dropped, stems used, every word first, adjacent pairs as phrases (where
        // the index holds korea's, the word of "Korea's", it counts as korea at a pair's end:
        // "North Korea's" holds north korea, but "Korea's missile" is not korea missile).
        {"North Korea's missile",
         "Query((((Znorth OR Zkorea OR Zmissil) OR 100 * (Znorth AND Zkorea AND Zmissil)) "
         "AND_MAYBE ((north PHRASE 2 (korea OR korea's)) OR (korea PHRASE 2 missile))))"},
        // Stop words dropped, but the phrase window spans them.
        {"Day of the Sun",
         "Query((((Zday OR Zsun) OR 100 * (Zday AND Zsun)) AND_MAYBE (day PHRASE 4 sun)))"},
        // A preposition of route or span is grammar too: "via" is not required.
        {"pipeline via Russia",
         "Query((((pipeline OR russia) OR 100 * (pipeline AND russia)) AND_MAYBE (pipeline PHRASE "
         "3 russia)))"},
        // A query of stop words only is kept, not emptied.
        {"the", "Query(Zthe)"},
        // Numbers stay exact (the index has no stems for them).
        {"2024", "Query(2024)"},
        // Hangul: a phrase of unigrams decides the match at half weight, bigrams add weight;
        // two syllables are their bigram (no positions read), unigrams still at half weight.
        {"북한", "Query((북한 AND 0.5 * (북 AND 한)))"},
        {"연합훈련",
         "Query((0.5 * ((연 PHRASE 4 합 PHRASE 4 훈 PHRASE 4 련) FILTER (연합 OR 합훈 OR 훈련)) "
         "AND_MAYBE (연합 OR 합훈 OR 훈련)))"},
        // A particle on a query word also matches the bare noun.
        {"북한의",
         "Query(((0.5 * ((북 PHRASE 3 한 PHRASE 3 의) FILTER (북한 OR 한의)) AND_MAYBE (북한 OR "
         "한의)) OR (북한 AND 0.5 * (북 AND 한))))"},
        // So does a noun + 하다 verb ending, after any particle (발사한, 주민들에게).
        {"발사한",
         "Query(((0.5 * ((발 PHRASE 3 사 PHRASE 3 한) FILTER (발사 OR 사한)) AND_MAYBE (발사 OR "
         "사한)) OR (발사 AND 0.5 * (발 AND 사))))"},
        {"주민들에게",
         "Query(((0.5 * ((주 PHRASE 5 민 PHRASE 5 들 PHRASE 5 에 PHRASE 5 게) FILTER (주민 OR 민들 "
         "OR 들에 OR 에게)) AND_MAYBE (주민 OR 민들 OR 들에 OR 에게)) OR (주민 AND 0.5 * (주 AND "
         "민))))"},
        // Two syllables never lose one; one syllable is just the unigram.
        {"회의", "Query((회의 AND 0.5 * (회 AND 의)))"},
        {"북", "Query(북)"},
        {"missile 북한",
         "Query(((Zmissil OR (북한 AND 0.5 * (북 AND 한))) OR 100 * (Zmissil AND "
         "(북한 AND 0.5 * (북 AND 한)))))"},
        // Korean function words go like English ones: 대한 (about) would match inside
        // 대한민국, 무엇을 is a question word before a particle, and 몇 takes its counter along.
        {"북한에 대한 반응",
         "Query(((((0.5 * ((북 PHRASE 3 한 PHRASE 3 에) FILTER (북한 OR 한에)) AND_MAYBE (북한 OR "
         "한에)) OR (북한 AND 0.5 * (북 AND 한))) OR (반응 AND 0.5 * (반 AND 응))) OR 100 * "
         "(((0.5 * ((북 PHRASE 3 한 PHRASE 3 에) FILTER (북한 OR 한에)) AND_MAYBE (북한 OR 한에)) "
         "OR (북한 AND 0.5 * (북 AND 한))) AND (반응 AND 0.5 * (반 AND 응)))))"},
        {"무엇을 발사했나",
         "Query(((0.5 * ((발 PHRASE 4 사 PHRASE 4 했 PHRASE 4 나) FILTER (발사 OR 사했 OR 했나)) "
         "AND_MAYBE (발사 OR 사했 OR 했나)) OR (발사 AND 0.5 * (발 AND 사))))"},
        {"회의 몇 번 했나", "Query((회의 AND 0.5 * (회 AND 의)))"},
        // A past-tense verb of the question: on a one-syllable stem it goes (숨졌나 would be
        // 숨 anywhere), a longer stem is met by its first syllables (내세웠나: 내세우고).
        {"회의 몇 명이 숨졌나", "Query((회의 AND 0.5 * (회 AND 의)))"},
        // A noun before a past copula is the noun; a question word in the past goes; 있 is no
        // past tense; a word with a number is no function word.
        {"간첩이었나",
         "Query(((0.5 * ((간 PHRASE 5 첩 PHRASE 5 이 PHRASE 5 었 PHRASE 5 나) FILTER (간첩 OR 첩이 "
         "OR 이었 OR 었나)) AND_MAYBE (간첩 OR 첩이 OR 이었 OR 었나)) OR (간첩 AND 0.5 * (간 AND "
         "첩))))"},
        // A question with the copula: the question word goes as the word alone would (어디인가:
        // 어디), a noun before it is the noun (나라인가: 나라).
        {"범인은 어디인가",
         "Query(((0.5 * ((범 PHRASE 3 인 PHRASE 3 은) FILTER (범인 OR 인은)) AND_MAYBE (범인 OR "
         "인은)) OR (범인 AND 0.5 * (범 AND 인))))"},
        {"어떤 나라인가",
         "Query(((0.5 * ((나 PHRASE 4 라 PHRASE 4 인 PHRASE 4 가) FILTER (나라 OR 라인 OR 인가)) "
         "AND_MAYBE (나라 OR 라인 OR 인가)) OR (나라 AND 0.5 * (나 AND 라))))"},
        {"범인은 누구였나",
         "Query(((0.5 * ((범 PHRASE 3 인 PHRASE 3 은) FILTER (범인 OR 인은)) AND_MAYBE (범인 OR "
         "인은)) OR (범인 AND 0.5 * (범 AND 인))))"},
        {"힘있는",
         "Query(((0.5 * ((힘 PHRASE 3 있 PHRASE 3 는) FILTER (힘있 OR 있는)) AND_MAYBE (힘있 OR "
         "있는)) OR (힘있 AND 0.5 * (힘 AND 있))))"},
        {"1등", "Query((0.5 * (1 PHRASE 2 등) AND_MAYBE 1))"},
        {"무엇을 내세웠나",
         "Query(((0.5 * ((내 PHRASE 4 세 PHRASE 4 웠 PHRASE 4 나) FILTER (내세 OR 세웠 OR 웠나)) "
         "AND_MAYBE (내세 OR 세웠 OR 웠나)) OR (내세 AND 0.5 * (내 AND 세))))"},
        {"대한", "Query((대한 AND 0.5 * (대 AND 한)))"},
        // A quoted phrase is one word of the query, its words as written (no stems, stop
        // words kept) at adjacent positions; a quoted Hangul word its syllable phrase.
        {"\"Day of the Sun\" missiles",
         "Query((((day PHRASE 4 of PHRASE 4 the PHRASE 4 sun) OR Zmissil) OR 100 * ((day PHRASE "
         "4 of PHRASE 4 the PHRASE 4 sun) AND Zmissil)))"},
        {"\"missiles\"", "Query(missiles)"},
        {"\"북한의\"",
         "Query((0.5 * ((북 PHRASE 3 한 PHRASE 3 의) FILTER (북한 OR 한의)) AND_MAYBE (북한 OR "
         "한의)))"},
        {"\"North 북한\"", "Query((north PHRASE 3 북 PHRASE 3 한))"},
        // Acronyms are one word, as Xapian's TermGenerator indexes "U.S." (us), in either case;
        // a lone initial is not one (S. Korea).
        {"U.S. sanctions",
         "Query((((us OR sanctions) OR 100 * (us AND sanctions)) AND_MAYBE (us PHRASE 2 "
         "sanctions)))"},
        {"d.p.r.k.-u.s.",
         "Query((((dprk OR us) OR 100 * (dprk AND us)) AND_MAYBE (dprk PHRASE 2 us)))"},
        // A number written against a Hangul word is part of it (9th party congress), as the
        // articles write it.
        {"9차", "Query((0.5 * (9 PHRASE 2 차) AND_MAYBE 9))"},
        {"7개년계획",
         "Query((0.5 * ((7 PHRASE 5 개 PHRASE 5 년 PHRASE 5 계 PHRASE 5 획) FILTER (7 OR 개년 OR "
         "년계 OR 계획)) AND_MAYBE (7 OR 개년 OR 년계 OR 계획)))"},
        // An apostrophe between letters is part of the word, as the index holds it; a curly
        // one counts as straight.
        {"O\u2019Brien", "Query(o'brien)"},
        // Numbers with a decimal point or thousands comma are one word (6.15, 1,000), which
        // also matches its groups apart (KCNA's "10 000 flats").
        {"6.15", "Query((6.15 SYNONYM (6 PHRASE 2 15)))"},
        // Letters glued to digits that the index lacks are the hyphenated word (COVID-19),
        // searched as covid-19 is, so its names and thesaurus terms are found too.
        {"covid19",
         "Query((((covid OR 19) OR 100 * (covid AND 19)) AND_MAYBE (covid PHRASE 2 19)))"},
        {"covid-19",
         "Query((((covid OR 19) OR 100 * (covid AND 19)) AND_MAYBE (covid PHRASE 2 19)))"},
        {"S. Korea",
         "Query((((s OR Zkorea) OR 100 * (s AND Zkorea)) AND_MAYBE (s PHRASE 2 (korea OR "
         "korea's))))"},
        {"", "Query()"},
        {"  ...  ", "Query()"},
    };
    for (const auto& [text, description] : cases)
        EXPECT_EQ(rewriter.rewrite(text, false).get_description(), description) << text;
    EXPECT_EQ(rewriter.rewrite("Kaesong zone", true).get_description(),
              "Query(((Zkaesong AND Zzone) AND_MAYBE (kaesong PHRASE 2 zone)))");
}

TEST(QueryRewriter, CutsWordsWhereTermGeneratorCuts) {
    // Xapian's TermGenerator keeps '&' and the middle dot (U+00B7), like the apostrophe,
    // inside a word between two word characters that are not both digits: R&D is the index
    // word r&d (stemmed Zr&d), not r and d; a bare & between spaces is no part of a word.
    const auto db =
        test::memory_index({"R&D spending rose.", "The M&A deals closed.",
                            "The S&P 500 index fell.", "S. P. Pathak met Tom and Jerry.",
                            "Tom & Jerry", "AI\u00B7SK group", "Scores 3&4 are out."});
    const QueryRewriter rewriter(db, Xapian::Stem("english"), nullptr);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"R&D", "Query(Zr&d)"},
        {"m&a", "Query(Zm&a)"},
        {"AT&T's", "Query(at&t)"},
        {"S&P 500",
         "Query((((Zs&p OR 500) OR 100 * (Zs&p AND 500)) AND_MAYBE (s&p PHRASE 2 500)))"},
        {"S&P500", "Query(s&p500)"},
        {"Tom & Jerry",
         "Query((((Ztom OR Zjerri) OR 100 * (Ztom AND Zjerri)) AND_MAYBE (tom PHRASE 2 "
         "jerry)))"},
        {"AI\u00B7SK", "Query(Zai\u00B7sk)"},
        {"3&4", "Query((((3 OR 4) OR 100 * (3 AND 4)) AND_MAYBE (3 PHRASE 2 4)))"},
        {"R& D", "Query((((r OR d) OR 100 * (r AND d)) AND_MAYBE (r PHRASE 2 d)))"},
    };
    for (const auto& [text, description] : cases)
        EXPECT_EQ(rewriter.rewrite(text, false).get_description(), description) << text;
    EXPECT_EQ(matches(db, rewriter.rewrite("R&D", false)), std::vector<Xapian::docid>{1});
    EXPECT_EQ(matches(db, rewriter.rewrite("M&A", false)), std::vector<Xapian::docid>{2});
    // S&P 500 is the index, not the initials of S. P. Pathak.
    EXPECT_EQ(matches(db, rewriter.rewrite("S&P 500", false)).front(), 3U);
}

TEST(QueryRewriter, HyphenatedCompoundsKeepTheirStopWords) {
    // A stop word inside a hyphenated compound is a word of it (being in well-being, of and
    // the in state-of-the-art): dropped, well-being was the word well alone.
    const auto db = test::memory_index(
        {"Their well-being matters.", "It went well for him.", "A state-of-the-art plant.",
         "The state of the economy and art.", "A follow-up meeting.", "Follow the meeting."});
    const QueryRewriter rewriter(db, Xapian::Stem("english"), nullptr);
    for (const std::string text : {"well-being", "state-of-the-art", "follow-up measures"}) {
        const std::string description = rewriter.rewrite(text, false).get_description();
        for (const std::string stop : {"Zbe", "Zof", "Zthe", "Zup"}) {
            if (text.find(stop.substr(1)) != std::string::npos) {
                EXPECT_NE(description.find(stop), std::string::npos) << text;
            }
        }
    }
    EXPECT_EQ(matches(db, rewriter.rewrite("well-being", false)).front(), 1U);
    EXPECT_EQ(matches(db, rewriter.rewrite("state-of-the-art", false)).front(), 3U);
    EXPECT_EQ(matches(db, rewriter.rewrite("follow-up", false)).front(), 5U);
    // Outside a compound a stop word still goes.
    EXPECT_EQ(rewriter.rewrite("well being", false).get_description(), "Query(Zwell)");
}

TEST(QueryRewriter, GoldenEntityAliases) {
    const auto db = test::memory_index(corpus);
    const Gazetteer gazetteer =
        Gazetteer::load((source_dir() / "tests/data/test_gazetteer.xml").string());
    const EntityMatcher names(gazetteer);
    const QueryRewriter rewriter(db, Xapian::Stem("english"), &names);
    const std::string kju_hangul =
        "(0.5 * ((김 PHRASE 3 정 PHRASE 3 은) FILTER (김정 OR 정은)) AND_MAYBE (김정 OR 정은))";
    const std::string kju_latin = "(kim PHRASE 3 jong PHRASE 3 un) SYNONYM (kim PHRASE 2 jongun)";
    // The typed words count only where they stand as the name: checked by their positions, on
    // a ranked page as in a whole set (an article holding kim, jong and un apart is no match).
    const std::string kju_words =
        "((Zkim AND Zjong AND Zun) FILTER (kim PHRASE 3 jong PHRASE 3 un))";
    const std::vector<std::pair<std::string, std::string>> cases{
        // The words of a name are required together, or the other aliases stand in for them,
        // all of them together weighted as one term (OP_SYNONYM; OP_MAX crashes Xapian 1.4.22
        // in some query shapes).
        // Its words make no phrase pairs: the name counts once.
        {"Kim Jong Un",
         "Query((" + kju_words + " OR (" + kju_latin + " SYNONYM " + kju_hangul + ")))"},
        // Nor across its edge: only the other words' pair adds weight (un inspects would favour
        // every "Kim Jong Un inspects" headline over the query's subject).
        {"Kim Jong Un inspects catfish farm",
         "Query(((((" + kju_words + " OR (" + kju_latin + " SYNONYM " + kju_hangul +
             ")) OR inspects OR catfish OR farm) OR 100 * ((" + kju_words + " OR (" + kju_latin +
             " SYNONYM " + kju_hangul +
             ")) AND inspects AND catfish AND farm)) AND_MAYBE ((inspects PHRASE 2 catfish) OR "
             "(catfish PHRASE 2 farm))))"},
        // A known name keeps its last syllable (no 김정 + particle 은) and finds the English;
        // a query written in Hangul weighs the other scripts' spellings at half.
        {"김정은", "Query((" + kju_hangul + " OR 0.5 * (" + kju_latin + ")))"},
    };
    for (const auto& [text, description] : cases)
        EXPECT_EQ(rewriter.rewrite(text, false).get_description(), description) << text;
}

TEST(QueryRewriter, AnAliasCountingOnlyBeforeAPlaceIsNoOtherSpelling) {
    // Bare 경기 names Gyeonggi only before a city (경기 성남시); as another spelling of 경기도 it
    // would find every article on the economy (경기 둔화) or a game.
    const auto db = test::memory_index(corpus);
    const auto gazetteer = [](bool bare) {
        return Gazetteer::parse(std::string(R"(<gazetteer version="1">
  <entity id="gyeonggi" type="place" name="Gyeonggi Province"><alias>경기도</alias>)") +
                                    (bare ? "<alias before=\"place\">경기</alias>" : "") +
                                    "</entity></gazetteer>",
                                "inline.xml");
    };
    const Gazetteer with = gazetteer(true);
    const Gazetteer without = gazetteer(false);
    const EntityMatcher names_with(with);
    const EntityMatcher names_without(without);
    const QueryRewriter rewriter_with(db, Xapian::Stem("english"), &names_with);
    const QueryRewriter rewriter_without(db, Xapian::Stem("english"), &names_without);
    for (const char* text : {"경기도", "Gyeonggi Province", "경기 둔화"})
        EXPECT_EQ(rewriter_with.rewrite(text, false).get_description(),
                  rewriter_without.rewrite(text, false).get_description())
            << text;
}

// Whether `q` holds an OP_AND_MAYBE inside an OP_AND (or OP_FILTER) under an OP_SYNONYM: Xapian
// 1.4.22 folds such an AND_MAYBE into the AND and then reads uninitialised memory, so the
// matches and weights change from run to run (the QA report on LG U+).
bool and_maybe_in_and_under_synonym(const Xapian::Query& q, bool synonym = false,
                                    bool in_and = false) {
    const auto op = q.get_type();
    if (op == Xapian::Query::OP_AND_MAYBE && synonym && in_and) return true;
    // What Xapian folds into one AND: the operands of an AND or FILTER, through a scale.
    const bool and_like = op == Xapian::Query::OP_AND || op == Xapian::Query::OP_FILTER ||
                          (in_and && op == Xapian::Query::OP_SCALE_WEIGHT);
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
        if (and_maybe_in_and_under_synonym(q.get_subquery(i),
                                           synonym || op == Xapian::Query::OP_SYNONYM, and_like))
            return true;
    return false;
}

TEST(QueryRewriter, AHangulWordBesideLatinWordsInAnAliasAndsItsPairs) {
    const Gazetteer gazetteer = Gazetteer::parse(R"(<gazetteer version="1">
  <entity id="lg-uplus" type="org" name="LG Uplus">
    <alias>LG U+</alias><alias>LGU+</alias><alias>LG유플러스</alias>
  </entity>
  <entity id="sk-telecom" type="org" name="SK Telecom"><alias>SK텔레콤</alias></entity>
  <entity id="covid-19" type="org" name="COVID-19"><alias>코로나19</alias></entity>
  <entity id="kt-skylife" type="org" name="KT Skylife"><alias>KT 스카이라이프</alias></entity>
</gazetteer>)",
                                                 "inline.xml");
    // (memory_index indexes as plain TermGenerator, which keeps the + of LGU+ in its term: only the
    // Hangul spellings are tested for matches here.)
    const auto db = test::memory_index({
        "LG유플러스 사장이 취임했다.",  // 1
        "유플러스 요금제.",             // 2: no LG
        "SK텔레콤과 코로나19 백신.",    // 3
        "LG 전자와 플러스 요금.",       // 4: the syllables apart
        "COVID-19 vaccine news.",       // 5
        "LG그룹의 유플러스 요금제.",    // 6: LG apart from 유플러스
        "SK 텔레콤 주가.",              // 7: a space between, as TermGenerator's positions allow
    });
    const EntityMatcher names(gazetteer);
    const QueryRewriter rewriter(db, Xapian::Stem("english"), &names);
    // The letters written against the Hangul word of LG유플러스 lead its phrase, as a number
    // does (the index holds lg at the adjacent position), and its pairs add weight.
    const Xapian::Query lgu = rewriter.rewrite("LGU+", false);
    EXPECT_NE(lgu.get_description().find(
                  "(0.5 * ((lg PHRASE 5 유 PHRASE 5 플 PHRASE 5 러 PHRASE 5 스) FILTER (lg OR "
                  "유플 OR 플러 OR 러스)) AND_MAYBE (lg OR 유플 OR 플러 OR 러스))"),
              std::string::npos)
        << lgu.get_description();
    for (const std::string text :
         {"LG U+", "LGU+", "LG유플러스", "SK Telecom", "SK텔레콤", "COVID-19 vaccine",
          "코로나19 백신", "홍범식 LGU+ 사장", "KT 스카이라이프"}) {
        const Xapian::Query q = rewriter.rewrite(text, false);
        EXPECT_FALSE(and_maybe_in_and_under_synonym(q)) << text << ": " << q.get_description();
    }
    // A Hangul word on its own keeps its AND_MAYBE, which Xapian builds apart (no AND around).
    EXPECT_NE(rewriter.rewrite("유플러스", false).get_description().find("AND_MAYBE"),
              std::string::npos);
    const auto found = [&](const std::string& text) {
        auto ids = matches(db, rewriter.rewrite(text, false));
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    EXPECT_EQ(found("LGU+"), (std::vector<Xapian::docid>{1}));
    EXPECT_EQ(found("LG유플러스"), (std::vector<Xapian::docid>{1}));
    EXPECT_EQ(found("SK Telecom"), (std::vector<Xapian::docid>{3, 7}));
}

TEST(QueryRewriter, NamesMatchedOnlyInExactCaseCountOnlyWhereTheirEntityWasFound) {
    // case="exact" marks a name whose words, folded, are common text: the index cannot tell
    // "One Hundred" the label from one hundred people, nor Turkey the country from the bird.
    const Gazetteer gazetteer = Gazetteer::parse(R"(<gazetteer version="1">
  <entity id="one-hundred-label" type="org" name="One Hundred Label">
    <alias case="exact">One Hundred</alias>
  </entity>
  <entity id="turkey" type="place" name="Türkiye"><alias case="exact">Turkey</alias></entity>
</gazetteer>)",
                                                 "inline.xml");
    const TaggedTexts docs{
        {"One Hundred signed the singer after the dispute.", {"XOone-hundred-label"}},  // 1
        {"One hundred people joined the dispute.", {}},                                 // 2
        {"Turkey sent a trade delegation.", {"XLturkey"}},                              // 3
        {"The delegation ate roast turkey.", {}},                                       // 4
        {"Türkiye sent a delegation.", {"XLturkey"}},                                   // 5
    };
    const Xapian::WritableDatabase db = tagged_index(docs);
    const EntityMatcher names(gazetteer);
    QueryRewriter rewriter(db, Xapian::Stem("english"), &names);
    const auto every_word = [&](const std::string& text) {
        return every_word_matches(db, rewriter, text);
    };
    // Without the entity prefixes the folded words match any text holding them.
    EXPECT_EQ(every_word("One Hundred dispute"), (std::vector<Xapian::docid>{1, 2}));
    EXPECT_EQ(every_word("Turkey delegation"), (std::vector<Xapian::docid>{3, 4, 5}));
    rewriter.set_entity_prefix(EntityType::org, "XO");
    rewriter.set_entity_prefix(EntityType::place, "XL");
    // With them, the name counts where the gazetteer found it, in any of its spellings.
    EXPECT_EQ(every_word("One Hundred dispute"), (std::vector<Xapian::docid>{1}));
    EXPECT_EQ(every_word("Turkey delegation"), (std::vector<Xapian::docid>{3, 5}));
    // Typed in lower case it is the plain word, which still names the country (Türkiye too),
    // as a lower-case acronym does (dprk).
    EXPECT_EQ(every_word("turkey delegation"), (std::vector<Xapian::docid>{3, 4, 5}));
    // The syntax path asks for the same evidence.
    EXPECT_TRUE(rewriter.acronym_evidence("Turkey"));
    EXPECT_FALSE(rewriter.acronym_evidence("turkey"));
}

TEST(QueryRewriter, AcronymsThatSpellAWordCountOnlyWhereTheirEntityWasFound) {
    const Gazetteer gazetteer = Gazetteer::parse(R"(<gazetteer version="1">
  <entity id="united-nations" type="org" name="United Nations">
    <alias>UN</alias><alias>U.N.</alias>
  </entity>
  <entity id="un-security-council" type="org" name="UN Security Council"/>
  <entity id="kim-jong-un" type="person" name="Kim Jong Un"/>
  <entity id="united-states" type="place" name="United States"><alias>US</alias></entity>
  <entity id="who" type="org" name="World Health Organization"><alias>WHO</alias></entity>
  <entity id="kcna" type="org" name="Korean Central News Agency"><alias>KCNA</alias></entity>
</gazetteer>)",
                                                 "inline.xml");
    // Each text with the entity terms the indexer would give it (a dateline's KCNA is none).
    const TaggedTexts docs{
        {"Kim Jong Un received the envoy.", {"XPkim-jong-un"}},                 // 1
        {"The UN envoy arrived.", {"XOunited-nations"}},                        // 2
        {"The U.N. Security Council envoy spoke.", {"XOun-security-council"}},  // 3
        {"They told us about the envoy.", {}},                                  // 4
        {"The US envoy left.", {"XLunited-states"}},                            // 5
        {"Pyongyang (KCNA) -- The envoy left.", {}},                            // 6
        {"Who sent the vaccine?", {}},                                          // 7
        {"The WHO sent the vaccine.", {"XOwho"}},                               // 8
        {"The Korean Central News Agency reported on the envoy.", {"XOkcna"}},  // 9
    };
    const Xapian::WritableDatabase db = tagged_index(docs);
    const EntityMatcher names(gazetteer);
    QueryRewriter rewriter(db, Xapian::Stem("english"), &names);
    const auto every_word = [&](const std::string& text) {
        return every_word_matches(db, rewriter, text);
    };
    // Without the entity prefixes the index term un is the Un of Kim Jong Un as well.
    EXPECT_EQ(every_word("UN envoy"), (std::vector<Xapian::docid>{1, 2, 3}));
    rewriter.set_entity_prefix(EntityType::person, "XP");
    rewriter.set_entity_prefix(EntityType::org, "XO");
    rewriter.set_entity_prefix(EntityType::place, "XL");
    // With them, UN (and U.N.) count where the UN or a name holding the acronym was found.
    EXPECT_EQ(every_word("UN envoy"), (std::vector<Xapian::docid>{2, 3}));
    EXPECT_EQ(every_word("U.N. envoy"), (std::vector<Xapian::docid>{2, 3}));
    // The syntax path asks for the same evidence, acronym by acronym.
    EXPECT_TRUE(rewriter.acronym_evidence("UN"));
    EXPECT_TRUE(rewriter.acronym_evidence("U.N."));
    EXPECT_FALSE(rewriter.acronym_evidence("un"));
    EXPECT_FALSE(rewriter.acronym_evidence("KCNA"));
    // Typed in lower case it is no acronym: the plain word.
    EXPECT_EQ(every_word("un envoy"), (std::vector<Xapian::docid>{1, 2, 3}));
    // US is the country, not "told us"; WHO the organization, not the question word (a stop
    // word in lower case, the acronym in capitals).
    EXPECT_EQ(every_word("US envoy"), (std::vector<Xapian::docid>{5}));
    EXPECT_EQ(every_word("WHO vaccine"), (std::vector<Xapian::docid>{8}));
    EXPECT_EQ(every_word("who vaccine"), (std::vector<Xapian::docid>{7, 8}));
    // An acronym that spells no other word needs no evidence (a dateline is no mention),
    // and typed in lower case it still names the agency.
    EXPECT_EQ(every_word("KCNA envoy"), (std::vector<Xapian::docid>{6, 9}));
    EXPECT_EQ(every_word("kcna envoy"), (std::vector<Xapian::docid>{6, 9}));
    EXPECT_EQ(rewriter.rewrite("KCNA", false).get_description().find("FILTER"), std::string::npos);
    // A stop word in capitals is an acronym (IT 업계), unless the whole query is in capitals.
    const auto d = [&](const std::string& text) {
        return rewriter.rewrite(text, false).get_description();
    };
    EXPECT_NE(d("IT 업계"), d("업계"));
    EXPECT_NE(d("IT industry"), d("industry"));
    EXPECT_EQ(d("it 업계"), d("업계"));
    EXPECT_EQ(d("NEWS ABOUT IT"), d("NEWS ABOUT"));
    // A Korean particle glued to an acronym is its particle, not a word to search (it would
    // match nearly every Korean article); a word that is no particle stays.
    EXPECT_EQ(d("KCNA는"), d("KCNA"));
    EXPECT_EQ(d("UN의 대북제재"), d("UN 대북제재"));
    EXPECT_NE(d("IT업계"), d("IT"));
}

TEST(QueryRewriter, ShortHangulNamesCountOnlyWhereAWordBeginsWithThem) {
    const Gazetteer gazetteer = Gazetteer::parse(R"(<gazetteer version="1">
  <entity id="pyongyang" type="place" name="Pyongyang"><alias>Pyongyang</alias><alias>평양</alias></entity>
  <entity id="pacific-ocean" type="place" name="Pacific Ocean"><alias>태평양</alias></entity>
  <entity id="kim-jong-un" type="person" name="Kim Jong Un"><alias>김정은</alias></entity>
</gazetteer>)",
                                                 "inline.xml");
    // Each text with the word-start terms the indexer gives it (TextAnalyzer): the syllable
    // pair 평양 is in all of the first four.
    Xapian::WritableDatabase db = test::memory_index({
        "평양에서 행사가 열렸다.",    // 1
        "태평양에서 행사가 열렸다.",  // 2: the Pacific
        "평양시 행사",                // 3: the city, in a compound
        "인도태평양 전략 행사",       // 4
        "김정은 행사",                // 5
        "부김정은 행사",              // 6: a three-syllable name inside a word still counts
    });
    const std::vector<std::vector<std::string>> starts{
        {"XW평양", "XW행사", "XW열렸"}, {"XW태평", "XW행사", "XW열렸"}, {"XW평양", "XW행사"},
        {"XW인도", "XW전략", "XW행사"}, {"XW김정", "XW행사"},           {"XW부김", "XW행사"}};
    for (Xapian::docid id = 1; id <= starts.size(); ++id) {
        Xapian::Document doc = db.get_document(id);
        for (const auto& term : starts[id - 1]) doc.add_boolean_term(term);
        db.replace_document(id, doc);
    }
    const EntityMatcher names(gazetteer);
    QueryRewriter rewriter(db, Xapian::Stem("english"), &names);
    const auto every_word = [&](const std::string& text) {
        return every_word_matches(db, rewriter, text);
    };
    // Without the word-start prefix the pair is found inside 태평양 too.
    EXPECT_EQ(every_word("평양 행사"), (std::vector<Xapian::docid>{1, 2, 3, 4}));
    EXPECT_FALSE(rewriter.word_start_evidence("평양"));
    rewriter.set_word_start_prefix("XW");
    EXPECT_EQ(every_word("평양 행사"), (std::vector<Xapian::docid>{1, 3}));
    EXPECT_EQ(every_word("평양에서 행사"), (std::vector<Xapian::docid>{1, 3}));
    // Written in another script, the Korean spelling needs the word start as well.
    EXPECT_EQ(every_word("Pyongyang"), (std::vector<Xapian::docid>{1, 3}));
    // Longer names and other words are searched as before.
    EXPECT_EQ(every_word("김정은 행사"), (std::vector<Xapian::docid>{5, 6}));
    EXPECT_EQ(every_word("태평양"), (std::vector<Xapian::docid>{2, 4}));
    // The syntax path asks for the same evidence, word by word.
    EXPECT_TRUE(rewriter.word_start_evidence("평양"));
    EXPECT_TRUE(rewriter.word_start_evidence("평양에서"));
    EXPECT_FALSE(rewriter.word_start_evidence("행사"));       // no name
    EXPECT_FALSE(rewriter.word_start_evidence("태평양"));     // three syllables
    EXPECT_FALSE(rewriter.word_start_evidence("Pyongyang"));  // not Hangul
}

TEST(QueryRewriter, ThesaurusTermsFindTheirOtherSpellings) {
    const auto db = test::memory_index({"The intercontinental ballistic missile flew.",  // 1
                                        "큰물 피해를 막았다.",     // 2: 큰물 = flood
                                        "An ICBM and a flood."});  // 3
    const Thesaurus thesaurus = Thesaurus::parse(
        "<thesaurus version=\"1\"><group><term>intercontinental ballistic missile</term>"
        "<term>ICBM</term></group><group><term>flood</term><term>큰물</term></group></thesaurus>",
        "test");
    const QueryRewriter rewriter(db, Xapian::Stem("english"), nullptr, &thesaurus);
    // The group's terms weigh as one synonym at half weight next to the query's own word (as
    // with a name's aliases, the exact spelling is in the synonym too).
    EXPECT_EQ(rewriter.rewrite("ICBM", false).get_description(),
              "Query((Zicbm OR 0.5 * ((intercontinental PHRASE 3 ballistic PHRASE 3 missile) "
              "SYNONYM icbm)))");
    EXPECT_EQ(matches(db, rewriter.rewrite("ICBM", false)), (std::vector<Xapian::docid>{3, 1}));
    // A Hangul query finds the English term at half weight, and a particle does not hide it.
    EXPECT_EQ(matches(db, rewriter.rewrite("큰물로", false)), (std::vector<Xapian::docid>{2, 3}));
    // Without a thesaurus only the words as typed match.
    EXPECT_EQ(
        matches(db, QueryRewriter(db, Xapian::Stem("english"), nullptr).rewrite("ICBM", false)),
        std::vector<Xapian::docid>{3});
}

TEST(QueryRewriter, ARareLongHangulCompoundAlsoFindsItsHead) {
    // The reports write 동시 조합장선거 where an analyst types the election's full name
    // 전국동시조합장선거, which no article holds: its head, the longest ending that more
    // articles hold and keeps three fifths of its syllables, is one of its spellings.
    const auto db = test::memory_index({"동시 조합장선거 현판식.",          // 1
                                        "동시조합장선거 준비가 한창이다.",  // 2
                                        "조합장선거 공정하게.",      // 3: a shorter ending only
                                        "선거 관리.",                // 4
                                        "민족제일주의 기치 높이.",   // 5
                                        "민족제일주의를 내세웠다.",  // 6
                                        "민족제일주의 정신.",        // 7
                                        "조선민족제일주의 정신."});  // 8
    const QueryRewriter rewriter(db, Xapian::Stem("english"), nullptr);
    const auto found = [&](const std::string& text) {
        auto ids = matches(db, rewriter.rewrite(text, false));
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    // 동시조합장선거 keeps 7 of 9 syllables; 조합장선거 (5 of 9) would keep too few.
    EXPECT_EQ(found("전국동시조합장선거"), (std::vector<Xapian::docid>{1, 2}));
    // Held by fewer than three articles, the word as typed ranks first.
    EXPECT_EQ(matches(db, rewriter.rewrite("조선민족제일주의", false)).front(), 8U);
    EXPECT_EQ(found("조선민족제일주의"), (std::vector<Xapian::docid>{5, 6, 7, 8}));
    // A word three articles hold is searched as typed; so is a word of four syllables.
    EXPECT_EQ(found("민족제일주의"), (std::vector<Xapian::docid>{5, 6, 7, 8}));
    EXPECT_EQ(found("족제일주의"), (std::vector<Xapian::docid>{5, 6, 7, 8}));
    EXPECT_EQ(found("전국선거"), std::vector<Xapian::docid>{});
    // Five syllables keep three: 장선거관리 is met by 선거관리 (written 선거 관리).
    EXPECT_EQ(found("장선거관리"), std::vector<Xapian::docid>{4});
}

TEST(QueryRewriter, AHangulCompoundBuiltOnATermFindsItsOtherSpellings) {
    const auto db =
        test::memory_index({"상설특별검사 수사가 시작됐다.",  // 1
                            "상설특검 도입.",                 // 2
                            "특별검사 임명.",                 // 3: the term without the compound
                            "북남수뇌상봉을 높이 평가했다.",  // 4: the North's pair and term
                            "9특검 사건."});                  // 5
    const Thesaurus thesaurus = Thesaurus::parse(
        "<thesaurus version=\"1\"><group><term>특검</term><term>특별검사</term>"
        "<term>special counsel</term></group><group><term>정상회담</term><term>수뇌상봉</term>"
        "</group></thesaurus>",
        "test");
    const QueryRewriter rewriter(db, Xapian::Stem("english"), nullptr, &thesaurus);
    const auto found = [&](const std::string& text) {
        auto ids = matches(db, rewriter.rewrite(text, false));
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    // The compound's prefix with each other Hangul term of the group (not the English one),
    // at a thesaurus term's weight; the term alone is no spelling of the compound.
    EXPECT_EQ(found("상설특검"), (std::vector<Xapian::docid>{1, 2}));
    // The term may begin the compound too, and a particle does not hide it.
    EXPECT_EQ(found("특검임명을"), (std::vector<Xapian::docid>{3}));
    // With the two Koreas' word pairs (남북 / 북남), as a typed word has them.
    EXPECT_EQ(found("남북정상회담을"), (std::vector<Xapian::docid>{4}));
    // A word written against a number or letters is another word.
    EXPECT_EQ(rewriter.rewrite("9상설특검", false).get_description().find("특별"),
              std::string::npos);
    // Without a thesaurus only the word as typed.
    EXPECT_EQ(
        matches(db, QueryRewriter(db, Xapian::Stem("english"), nullptr).rewrite("상설특검", false)),
        std::vector<Xapian::docid>{2});
}

TEST(QueryRewriter, AQuestionsFramingVerbWeighsButIsNotRequired) {
    const auto db = test::memory_index({"토지개혁을 높이 평가했다.",  // 1
                                        "토지개혁의 성과.",           // 2: the topic, no verb
                                        "평가 평가 평가 평가."});     // 3: the verb only
    const QueryRewriter rewriter(db, Xapian::Stem("english"), nullptr);
    // 평가했나 after 어떻게 asks how the topic was judged: the articles on the topic come
    // first, those that also write the verb above the others.
    EXPECT_EQ(matches(db, rewriter.rewrite("토지개혁을 어떻게 평가했나", false)),
              (std::vector<Xapian::docid>{1, 2, 3}));
    EXPECT_EQ(matches(db, rewriter.rewrite("토지개혁을 어떻게 평가했나", true)),
              (std::vector<Xapian::docid>{1, 2}));
    // Not after a question word, or not the question's last word, the verb is required.
    EXPECT_EQ(matches(db, rewriter.rewrite("토지개혁을 평가했나", true)),
              (std::vector<Xapian::docid>{1}));
    EXPECT_EQ(matches(db, rewriter.rewrite("어떻게 평가했나 토지개혁", true)),
              (std::vector<Xapian::docid>{1}));
}

TEST(QueryRewriter, AQuestionsKindOfAnswerWeighsButIsNotRequired) {
    const auto db = test::memory_index({"Kim Jong Il's work published in Indonesia.",   // 1
                                        "Foreign organizations praised the work.",      // 2
                                        "Foreign organizations published his work."});  // 3
    const QueryRewriter rewriter(db, Xapian::Stem("english"), nullptr);
    // The articles name the organization, not the kind: they hold every other word.
    EXPECT_EQ(
        matches(db, rewriter.rewrite("Which foreign organizations published the work?", true)),
        (std::vector<Xapian::docid>{3, 1}));
    EXPECT_EQ(matches(db, rewriter.rewrite("what organizations published the work", true)),
              (std::vector<Xapian::docid>{3, 1}));
    // Not after which or what, or not a kind of answer, the words are required.
    EXPECT_EQ(matches(db, rewriter.rewrite("foreign organizations published the work", true)),
              (std::vector<Xapian::docid>{3}));
    EXPECT_EQ(matches(db, rewriter.rewrite("which work did foreign organizations publish", true)),
              (std::vector<Xapian::docid>{3}));
    // A query of the kind alone still asks for it.
    EXPECT_EQ(matches(db, rewriter.rewrite("which organizations", true)),
              (std::vector<Xapian::docid>{2, 3}));
}

TEST(QueryRewriter, SeveralHangulWordsOfATermAreOnePhrase) {
    const auto db =
        test::memory_index({"남북은 적대적인 두 국가 관계라고 했다.",            // 1
                            "적대적 세력과 두 차례 만났고 국가를 위해 일했다.",  // 2: apart
                            "Two hostile states, they said."});                  // 3
    const Thesaurus thesaurus = Thesaurus::parse(
        "<thesaurus version=\"1\"><group><term>two hostile states</term>"
        "<term>적대적 두 국가</term></group></thesaurus>",
        "test");
    const QueryRewriter rewriter(db, Xapian::Stem("english"), nullptr, &thesaurus);
    // In order and close (an ending may follow a word), not the three words anywhere.
    EXPECT_EQ(matches(db, rewriter.rewrite("\"two hostile states\"", false)),
              (std::vector<Xapian::docid>{3, 1}));
}

TEST(QueryRewriter, MatchesWhatAnAnalystMeans) {
    const auto db = test::memory_index(corpus);
    const Gazetteer gazetteer =
        Gazetteer::load((source_dir() / "tests/data/test_gazetteer.xml").string());
    const EntityMatcher names(gazetteer);
    const QueryRewriter rewriter(db, Xapian::Stem("english"), &names);
    // 김정은 is three adjacent syllables, not 김 + 정 + 은 anywhere; as a known name it also
    // finds the English spelling, ranked below the exact one.
    EXPECT_EQ(matches(db, rewriter.rewrite("김정은", false)), (std::vector<Xapian::docid>{3, 7}));
    EXPECT_EQ(matches(db, rewriter.rewrite("Kim Jong Un", false)),
              (std::vector<Xapian::docid>{7, 3}));
    // A particle in the text (김정은은) and on the query word (북한의 vs 북한은) both match.
    // The text spelling the query's own form (북한은) ranks first; the English alias in its
    // possessive form ("North Korea's") last.
    EXPECT_EQ(matches(db, rewriter.rewrite("북한은", false)),
              (std::vector<Xapian::docid>{8, 3, 1}));
    // A natural-language Korean query finds the report whatever endings either side uses.
    const auto fired = matches(db, rewriter.rewrite("북한이 발사한 순항미사일", false));
    ASSERT_FALSE(fired.empty());
    EXPECT_EQ(fired.front(), 8U);
    // A space inside a Korean compound does not break the phrase.
    EXPECT_EQ(matches(db, rewriter.rewrite("연합훈련", false)), std::vector<Xapian::docid>{5});
    // A two-syllable word is its adjacent pair, never two syllables across a space (남북 한계선
    // holds 북 and 한 at neighbouring positions).
    const auto boundary = test::memory_index({"남북 한계선을 넘었다.", "북한이 발표했다."});
    EXPECT_EQ(
        matches(boundary,
                QueryRewriter(boundary, Xapian::Stem("english"), nullptr).rewrite("북한", false)),
        std::vector<Xapian::docid>{2});
    // The South's spelling finds the North's (the initial-sound rule): 노동당 finds 로동당,
    // 여성 finds 녀성, also inside a compound (병진노선: 병진로선); a Northern word is tried in
    // the South's spelling at its start only (늘리자 is not 늘이자), and only spellings the
    // index holds are added.
    const auto north = test::memory_index(
        {"조선로동당 창건 기념", "녀성들의 역할", "생산을 늘이자", "병진로선을 관철", "노동 개혁"});
    const QueryRewriter two_koreas(north, Xapian::Stem("english"), nullptr);
    EXPECT_EQ(matches(north, two_koreas.rewrite("노동당", false)), std::vector<Xapian::docid>{1});
    EXPECT_EQ(matches(north, two_koreas.rewrite("여성", false)), std::vector<Xapian::docid>{2});
    EXPECT_EQ(matches(north, two_koreas.rewrite("병진노선", false)), std::vector<Xapian::docid>{4});
    auto spellings = matches(north, two_koreas.rewrite("로동", false));
    std::sort(spellings.begin(), spellings.end());
    EXPECT_EQ(spellings, (std::vector<Xapian::docid>{1, 5}));
    EXPECT_TRUE(matches(north, two_koreas.rewrite("늘리자", false)).empty());
    // The two Koreas' word pairs: the South's 남북관계 finds the North's 북남관계, 북미대화 finds
    // 조미대화, 80주년 finds 80돐 (and back), ranked below the query's own spelling.
    const auto pairs = test::memory_index({"북남관계를 개선하자", "조미대화가 열렸다",
                                           "창건 80돐을 맞아", "남북관계 개선", "창건 80주년"});
    const QueryRewriter paired(pairs, Xapian::Stem("english"), nullptr);
    EXPECT_EQ(matches(pairs, paired.rewrite("남북관계를", false)),
              (std::vector<Xapian::docid>{4, 1}));
    EXPECT_EQ(matches(pairs, paired.rewrite("북미대화", false)), std::vector<Xapian::docid>{2});
    EXPECT_EQ(matches(pairs, paired.rewrite("80주년", false)), (std::vector<Xapian::docid>{5, 3}));
    EXPECT_EQ(matches(pairs, paired.rewrite("80돐", false)), (std::vector<Xapian::docid>{3, 5}));
    // British and American spellings are one word (KCNA writes defence, programme, labour):
    // each finds both, and counts once; short words keep their own (four is no "for").
    const auto spelled = test::memory_index({"The defence programme of the country.",
                                             "A defense program was announced.", "Labour heroes.",
                                             "Four for the road."});
    const QueryRewriter either(spelled, Xapian::Stem("english"), nullptr);
    auto defence = matches(spelled, either.rewrite("defense program", false));
    std::sort(defence.begin(), defence.end());
    EXPECT_EQ(defence, (std::vector<Xapian::docid>{1, 2}));
    EXPECT_EQ(matches(spelled, either.rewrite("labor", false)), std::vector<Xapian::docid>{3});
    EXPECT_EQ(either.rewrite("four", false).get_description(), "Query(Zfour)");
    // A year in the query is met by an article of that year (its year term) as by one that
    // writes the number, once the rewriter knows the year prefix; the year term weighs nothing.
    Xapian::WritableDatabase dated(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const auto& [text, year] : std::vector<std::pair<std::string, std::string>>{
             {"Military talks collapsed.", "Y2011"},
             {"Military talks collapsed.", "Y2012"},
             {"Military talks of 2011 collapsed.", "Y2012"}}) {
        Xapian::Document doc;
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("english"));
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        tg.set_document(doc);
        tg.index_text(text);
        doc.add_boolean_term(year);
        dated.add_document(doc);
    }
    QueryRewriter by_year(dated, Xapian::Stem("english"), nullptr);
    by_year.set_year_prefix("Y");
    auto in_2011 = Xapian::Enquire(dated);
    in_2011.set_query(by_year.rewrite("military talks 2011", true));
    const auto all = in_2011.get_mset(0, 10);
    std::vector<Xapian::docid> found;
    for (auto it = all.begin(); it != all.end(); ++it) found.push_back(*it);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (std::vector<Xapian::docid>{1, 3}));
    EXPECT_EQ(QueryRewriter(dated, Xapian::Stem("english"), nullptr)
                  .rewrite("2011", false)
                  .get_description(),
              "Query(2011)");
    // So is a year written the Korean way, against 년 (2011년).
    EXPECT_EQ(by_year.rewrite("2011년", false).get_description(),
              "Query(((0.5 * (2011 PHRASE 2 년) AND_MAYBE 2011) OR Y2011))");
    // "North Korea's" finds "North Korea's" first and, through the entity, 북한.
    EXPECT_EQ(matches(db, rewriter.rewrite("North Korea's", false)),
              (std::vector<Xapian::docid>{1, 3, 8}));
    // "Kim Il Sung" (not in the test gazetteer) ranks the text holding "Kim Il Sung's" first.
    const auto kis = matches(db, rewriter.rewrite("Kim Il Sung", false));
    ASSERT_FALSE(kis.empty());
    EXPECT_EQ(kis.front(), 6U);
    // Every word first: the document holding both words outranks one holding one.
    const auto both = matches(db, rewriter.rewrite("Kaesong missile talks", false));
    ASSERT_FALSE(both.empty());
    EXPECT_EQ(both.front(), 2U);
}

TEST(QueryRewriter, ATypedYearOrMonthIsMetByTheDateAndIsThePeriodPreferred) {
    // A year stands for itself and for the articles of that year; a month beside it (either
    // order the two languages write) for the articles of that month, which is then the
    // period preferred. Two years joined by a dash are a span, not the articles' year, and a
    // decade (1980년대) is no year.
    const auto db = test::memory_index({"Floods in December were the worst in years."});
    QueryRewriter dated(db, Xapian::Stem("english"), nullptr);
    dated.set_year_prefix("Y");
    dated.set_month_prefix("M");
    const std::vector<std::pair<std::string, std::string>> golden{
        {"floods 2012", "Query(Y2012)"},
        {"floods December 2025", "Query(M202512)"},
        {"floods Dec. 2025", "Query(M202512)"},
        {"floods in may 2012", "Query(M201205)"},
        {"2011년 12월 홍수", "Query(M201112)"},
        {"2019년 신년사", "Query(Y2019)"},
        {"2019 and 2020 elections", "Query((Y2019 OR Y2020))"},
        {"2021-2025 five-year plan", "Query()"},
        {"1980년대 신년사", "Query()"},
        {"floods in December", "Query()"},
        {"12월 홍수", "Query()"},
    };
    for (const auto& [text, periods] : golden)
        EXPECT_EQ(dated.rewrite_ranked(text, false).periods.get_description(), periods) << text;
    // The month word is met by an article of that month, as the year by one of that year.
    EXPECT_EQ(dated.rewrite("December 2025", true).get_description(),
              "Query((((Zdecemb OR M202512) AND (2025 OR Y2025)) AND_MAYBE (december PHRASE 2 "
              "2025)))");
    EXPECT_EQ(dated.rewrite("2011년 12월", true).get_description(),
              "Query((((0.5 * (2011 PHRASE 2 년) AND_MAYBE 2011) OR Y2011) AND ((0.5 * (12 PHRASE "
              "2 월) AND_MAYBE 12) OR M201112)))");
    // Without the date prefixes a year is a plain word and nothing is preferred.
    const QueryRewriter plain(db, Xapian::Stem("english"), nullptr);
    EXPECT_TRUE(plain.rewrite_ranked("floods December 2025", false).periods.empty());
}

}  // namespace
}  // namespace yalu
