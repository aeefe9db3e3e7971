// Tests for MemoStemmer: the snippets it stems for are those of the plain stemmer, while the
// words whose stem no Z term of the query can be are not stemmed.

#include "memo_stemmer.hpp"

#include "memory_index.hpp"

#include <xapian.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace yalu {
namespace {

const std::vector<std::string> kTexts = {
    "North Korea launched missiles on Monday; the launches followed nuclear tests and sanctions.",
    "Missile launching sites near the Yalu River were inspected by the leader's delegation.",
    "Flooding damaged farms; floods and damages were reported while the nations' aid arrived.",
    "북한이 미사일을 발사했다. 'Tis the season: yes, yesterday's youth launched kites.",
};

Xapian::Query parsed(const Xapian::Database& db, const std::string& text) {
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    return parser.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT |
                                        Xapian::QueryParser::FLAG_CJK_NGRAM |
                                        Xapian::QueryParser::FLAG_WILDCARD);
}

TEST(MemoStemmer, StemsOnlyWordsWhoseStemCanBeAZTermOfTheQuery) {
    const auto db = test::memory_index(kTexts);
    const Xapian::Query query = parsed(db, "missiles launched");  // Zmissil, Zlaunch
    Xapian::Stem memo = MemoStemmer::wrap(Xapian::Stem("english"), query);
    EXPECT_EQ(memo("missiles"), "missil");
    EXPECT_EQ(memo("launches"), "launch");
    EXPECT_EQ(memo("lying"), "lie");        // starts as a query stem does: stemmed, though no match
    EXPECT_EQ(memo("nations"), "nations");  // no Z term starts with n: given back as it is
    EXPECT_EQ(memo("'tis"), "tis");         // a leading apostrophe is dropped by Porter2: stemmed
    // A stemmer not known to keep the first byte stems every word.
    Xapian::Stem french = MemoStemmer::wrap(Xapian::Stem("french"), query);
    EXPECT_EQ(french("nations"), Xapian::Stem("french")("nations"));
    EXPECT_TRUE(MemoStemmer::wrap(Xapian::Stem(), query).is_none());
}

TEST(MemoStemmer, SnippetsAreThoseOfThePlainStemmer) {
    const auto db = test::memory_index(kTexts);
    const Xapian::Stem english("english");
    for (const char* text :
         {"missiles launched", "nuclear tests", "flood damage", "delegation inspects",
          "yes youth season", "미사일 발사", "nation* aid", "\"launching sites\" river"}) {
        const Xapian::Query query = parsed(db, text);
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        const Xapian::MSet mset = enquire.get_mset(0, 10);
        const Xapian::Stem memo = MemoStemmer::wrap(english, query);
        for (const auto& body : kTexts) {
            for (const std::size_t length : {40, 200}) {
                const auto plain = mset.snippet(
                    body, length, english, Xapian::MSet::SNIPPET_CJK_NGRAM, "<b>", "</b>", "…");
                EXPECT_EQ(mset.snippet(body, length, memo, Xapian::MSet::SNIPPET_CJK_NGRAM, "<b>",
                                       "</b>", "…"),
                          plain)
                    << text;
            }
        }
    }
}

}  // namespace
}  // namespace yalu
