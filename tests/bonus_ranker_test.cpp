// Tests for BonusRanker: the phrase bonus added to the first pass's best matches must equal
// match score + the bonus scored on its own, over every document of a generated index.

#include "bonus_ranker.hpp"
#include "query_rewriter.hpp"

#include <gtest/gtest.h>

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace yalu {
namespace {

const std::string kHome = "XLhome";

// 3,000 documents of 5-60 words drawn from a small vocabulary with a fixed seed, so word
// pairs recur both as phrases and apart and scores spread widely; every third one carries the
// boolean term kHome.
Xapian::WritableDatabase make_db() {
    const std::vector<std::string> vocab{"north", "korea", "missile", "launch", "talks",
                                         "kim",   "jong",  "un",      "visit",  "factory",
                                         "party", "six",   "nuclear", "test",   "rain"};
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::uint32_t seed = 12345;
    const auto next = [&seed](std::uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    for (int d = 0; d < 3000; ++d) {
        std::string text;
        const auto words = 5 + next(56);
        for (std::uint32_t w = 0; w < words; ++w) text += vocab[next(vocab.size())] + " ";
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text);
        if (d % 3 == 0) doc.add_boolean_term(kHome);
        db.add_document(doc);
    }
    return db;
}

std::map<Xapian::docid, double> weights(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(QueryRewriter::weighting());
    enquire.set_query(q);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::map<Xapian::docid, double> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
    return out;
}

Xapian::MSet first_pass(const Xapian::Database& db, const Xapian::Query& match, unsigned n) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(QueryRewriter::weighting());
    enquire.set_query(match);
    return enquire.get_mset(0, n);
}

class BonusRankerTest : public ::testing::Test {
protected:
    Xapian::WritableDatabase db_ = make_db();
    Xapian::BM25Weight weighting_ = QueryRewriter::weighting();
};

TEST_F(BonusRankerTest, WindowEqualsMatchPlusBonusScoredAlone) {
    const QueryRewriter rewriter(db_, Xapian::Stem("english"), nullptr);
    int reordered = 0;
    for (const char* text : {"north korea missile launch", "kim jong un visit factory",
                             "six party talks", "nuclear test", "rain talks north"}) {
        const RankedQuery query = rewriter.rewrite_ranked(text, false);
        ASSERT_FALSE(query.bonus.empty()) << text;
        const auto bonus = weights(db_, query.bonus);
        ASSERT_FALSE(bonus.empty()) << text << ": the generated index must hold the phrases";
        for (const unsigned window : {1u, 10u, 100u, 400u}) {
            const Xapian::MSet pass = first_pass(db_, query.match, 150);
            const auto got =
                BonusRanker(db_, weighting_).rank(query, BonusRanker::scored(pass), window);
            // Expected: the window's documents by match + bonus (ties: lower docid first),
            // then the rest of the first pass in its own order.
            std::vector<std::pair<double, Xapian::docid>> want;
            std::vector<Xapian::docid> first_order;
            for (auto it = pass.begin(); it != pass.end(); ++it) {
                first_order.push_back(*it);
                if (want.size() < window) {
                    const auto b = bonus.find(*it);
                    want.emplace_back(-(it.get_weight() + (b == bonus.end() ? 0.0 : b->second)),
                                      *it);
                }
            }
            std::sort(want.begin(), want.end());
            ASSERT_EQ(got.size(), pass.size()) << text;
            for (std::size_t i = 0; i < got.size(); ++i) {
                if (i < want.size()) {
                    EXPECT_EQ(got[i].docid, want[i].second) << text << " window " << window;
                    EXPECT_NEAR(got[i].score, -want[i].first, 1e-9) << text;
                } else {
                    EXPECT_EQ(got[i].docid, first_order[i]) << text << " beyond the window";
                }
            }
            for (std::size_t i = 0; i < want.size(); ++i)
                reordered += want[i].second != first_order[i];
        }
    }
    EXPECT_GT(reordered, 0) << "the bonus never changed an order: the test proves nothing";
}

// The documents of `pass`: its first `window` by (weight + bonus) x factor for home documents
// (ties: lower docid first), then the rest in first-pass order.
std::vector<Xapian::docid> oracle(const Xapian::Database& db, const Xapian::MSet& pass,
                                  unsigned window, const std::map<Xapian::docid, double>& bonus,
                                  double factor) {
    std::vector<std::pair<double, Xapian::docid>> head;
    std::vector<Xapian::docid> out;
    for (auto it = pass.begin(); it != pass.end(); ++it) {
        if (head.size() < window) {
            const auto b = bonus.find(*it);
            double score = it.get_weight() + (b == bonus.end() ? 0.0 : b->second);
            auto t = db.termlist_begin(*it);
            t.skip_to(kHome);
            if (t != db.termlist_end(*it) && *t == kHome) score *= factor;
            head.emplace_back(-score, *it);
        } else {
            out.push_back(*it);
        }
    }
    std::sort(head.begin(), head.end());
    std::vector<Xapian::docid> ids;
    for (const auto& h : head) ids.push_back(h.second);
    ids.insert(ids.end(), out.begin(), out.end());
    return ids;
}

std::vector<Xapian::docid> ids_of(const std::vector<BonusRanker::Scored>& scored) {
    std::vector<Xapian::docid> ids;
    for (const auto& s : scored) ids.push_back(s.docid);
    return ids;
}

TEST_F(BonusRankerTest, HomeFactorMultipliesTheWindowsHomeDocuments) {
    const QueryRewriter rewriter(db_, Xapian::Stem("english"), nullptr);
    for (const char* text : {"north korea missile launch", "nuclear test", "rain"}) {
        RankedQuery query = rewriter.rewrite_ranked(text, false);
        query.factors.push_back({"home", Xapian::Query(kHome), 1.3, {}});
        const auto bonus =
            query.bonus.empty() ? std::map<Xapian::docid, double>{} : weights(db_, query.bonus);
        const BonusRanker ranker(db_, weighting_);
        for (const unsigned window : {10u, 100u}) {
            // A local first pass of the match: bonus and factor both applied in the window.
            const Xapian::MSet pass = first_pass(db_, query.match, 150);
            const auto got = ids_of(ranker.rank(query, BonusRanker::scored(pass), window));
            EXPECT_EQ(got, oracle(db_, pass, window, bonus, 1.3)) << text << " window " << window;
            EXPECT_NE(got, oracle(db_, pass, window, bonus, 1.0))
                << text << ": the factor never changed an order, the test proves nothing";
            // A shard's first pass of match + bonus: only the factor is left to apply.
            const Xapian::MSet one_pass = first_pass(db_, query.combined(), 150);
            EXPECT_EQ(ids_of(ranker.rank_factors(query, BonusRanker::scored(one_pass), window)),
                      oracle(db_, one_pass, window, {}, 1.3))
                << text << " window " << window;
        }
    }
}

TEST_F(BonusRankerTest, ScoresNeverRiseWithRankPastTheWindow) {
    // A factor below 1 (briefs x 0.8) can put the window's last below the first of the rest,
    // which keep their first-pass scores: those are scaled down as much as the window's lowest
    // first-pass score was, keeping the order and their ratios.
    const QueryRewriter rewriter(db_, Xapian::Stem("english"), nullptr);
    int scaled = 0;
    for (const char* text : {"north korea missile launch", "nuclear test", "rain"}) {
        for (const double factor : {0.5, 0.8, 1.3}) {
            RankedQuery query = rewriter.rewrite_ranked(text, false);
            query.factors.push_back({"brief", Xapian::Query(kHome), factor, {}});
            const auto bonus =
                query.bonus.empty() ? std::map<Xapian::docid, double>{} : weights(db_, query.bonus);
            const BonusRanker ranker(db_, weighting_);
            for (const unsigned window : {10u, 100u}) {
                const Xapian::MSet pass = first_pass(db_, query.match, 150);
                const Xapian::MSet one_pass = first_pass(db_, query.combined(), 150);
                for (const bool shard : {false, true}) {
                    const auto& first = shard ? one_pass : pass;
                    const auto got =
                        shard ? ranker.rank_factors(query, BonusRanker::scored(first), window)
                              : ranker.rank(query, BonusRanker::scored(first), window);
                    const std::string where = std::string(text) + " x" + std::to_string(factor) +
                                              " window " + std::to_string(window) +
                                              (shard ? " shard" : "");
                    ASSERT_EQ(got.size(), first.size()) << where;
                    EXPECT_EQ(ids_of(got),
                              oracle(db_, first, window, shard ? decltype(bonus){} : bonus, factor))
                        << where;
                    for (std::size_t i = 1; i < got.size(); ++i)
                        EXPECT_LE(got[i].score, got[i - 1].score) << where << " rank " << i + 1;
                    // The rest: their first-pass scores times one scale, at most 1.
                    const double floor = first[window - 1].get_weight();
                    const double scale = std::min(1.0, got[window - 1].score / floor);
                    for (std::size_t i = window; i < got.size(); ++i)
                        EXPECT_NEAR(got[i].score, first[i].get_weight() * scale, 1e-9) << where;
                    scaled += scale < 1 && first[window].get_weight() > got[window - 1].score;
                }
            }
        }
    }
    EXPECT_GT(scaled, 0) << "no window's last fell below the rest: the test proves nothing";
}

TEST_F(BonusRankerTest, ARestScoringAboveTheWindowIsScaledBelowIt) {
    // A page past the window takes the window from a first page's pass and the rest from a
    // pass that weighs every match: the rest may then hold a match the window's pass missed
    // (Xapian 1.4.22's pruning), scoring above the window's last. Scores still never rise.
    const QueryRewriter rewriter(db_, Xapian::Stem("english"), nullptr);
    RankedQuery query = rewriter.rewrite_ranked("north korea missile launch", false);
    query.factors.push_back({"brief", Xapian::Query(kHome), 0.8, {}});
    std::vector<BonusRanker::Scored> first = BonusRanker::scored(first_pass(db_, query.match, 150));
    ASSERT_EQ(first.size(), 150U);
    // The 6th, missed by the window's pass, comes first among the rest.
    const BonusRanker::Scored missed = first[5];
    first.erase(first.begin() + 5);
    first.insert(first.begin() + 99, missed);
    ASSERT_GT(first[99].score, first[98].score);
    const BonusRanker ranker(db_, weighting_);
    for (const bool shard : {false, true}) {
        const auto got =
            shard ? ranker.rank_factors(query, first, 99) : ranker.rank(query, first, 99);
        ASSERT_EQ(got.size(), first.size());
        for (std::size_t i = 1; i < got.size(); ++i)
            EXPECT_LE(got[i].score, got[i - 1].score) << (shard ? "shard " : "") << i + 1;
        for (std::size_t i = 99; i < got.size(); ++i) EXPECT_EQ(got[i].docid, first[i].docid);
    }
}

TEST_F(BonusRankerTest, NoBonusKeepsTheFirstPass) {
    const RankedQuery query(Xapian::Query("Zmissil"));
    const Xapian::MSet pass = first_pass(db_, query.match, 50);
    const auto got = BonusRanker(db_, weighting_).rank(query, BonusRanker::scored(pass), 100);
    ASSERT_EQ(got.size(), pass.size());
    auto it = pass.begin();
    for (const auto& s : got) {
        EXPECT_EQ(s.docid, *it);
        EXPECT_EQ(s.score, it.get_weight());
        ++it;
    }
}

TEST_F(BonusRankerTest, CombinedQueryIsMatchAndMaybeBonus) {
    const QueryRewriter rewriter(db_, Xapian::Stem("english"), nullptr);
    const RankedQuery query = rewriter.rewrite_ranked("six party talks", false);
    EXPECT_EQ(query.combined().get_description(),
              rewriter.rewrite("six party talks", false).get_description());
    EXPECT_NE(query.combined().get_description().find("AND_MAYBE"), std::string::npos);
}

}  // namespace
}  // namespace yalu
