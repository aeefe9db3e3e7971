// Tests for RankFusion: reciprocal-rank fusion of a ranking's window with a second order.

#include "rank_fusion.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace yalu {
namespace {

// Documents 1..n in that order, with falling scores fusion must ignore.
std::vector<BonusRanker::Scored> ranked(Xapian::docid n) {
    std::vector<BonusRanker::Scored> out;
    for (Xapian::docid d = 1; d <= n; ++d) out.push_back({d, 1000.0 - d});
    return out;
}

std::vector<Xapian::docid> order(const std::vector<BonusRanker::Scored>& fused) {
    std::vector<Xapian::docid> out;
    for (const auto& s : fused) out.push_back(s.docid);
    return out;
}

TEST(RankFusion, ScoresAreTheWeightedReciprocalRanks) {
    const RankFusion fusion({.weight = 0.7, .k = 5});
    const auto fused = fusion.fuse(ranked(5), {5, 4}, 5);
    // 1: 70/6 = 11.67; 2: 70/7 = 10; 3: 70/8 = 8.75; 4: 70/9 + 30/7 = 12.06; 5: 70/10 + 30/6 = 12.
    EXPECT_EQ(order(fused), (std::vector<Xapian::docid>{4, 5, 1, 2, 3}));
    EXPECT_DOUBLE_EQ(fused[0].score, 70.0 / 9 + 30.0 / 7);
    EXPECT_DOUBLE_EQ(fused[2].score, 70.0 / 6);
}

TEST(RankFusion, SecondOrderCountsOnlyTheWindowsDocuments) {
    const RankFusion fusion({.weight = 0.7, .k = 5});
    // 99 and 8 are outside the window of 5: they neither join nor push 5 to second place.
    EXPECT_EQ(order(fusion.fuse(ranked(8), {99, 8, 5, 4}, 5)),
              order(fusion.fuse(ranked(8), {5, 4}, 5)));
    const auto fused = fusion.fuse(ranked(8), {99, 8, 5, 4}, 5);
    EXPECT_EQ(fused.size(), 8u) << "nothing outside the first order joins";
}

TEST(RankFusion, RestKeepsItsOrderBelowTheWindow) {
    const RankFusion fusion({.weight = 0.7, .k = 5});
    const auto fused = fusion.fuse(ranked(30), {10, 9, 8, 7, 6}, 10);
    const auto ids = order(fused);
    for (Xapian::docid d = 11; d <= 30; ++d) EXPECT_EQ(ids[d - 1], d);
    for (std::size_t i = 1; i < fused.size(); ++i)
        EXPECT_GT(fused[i - 1].score, fused[i].score) << "scores fall throughout, at " << i;
}

TEST(RankFusion, FullWeightOrNoSecondOrderKeepsTheFirst) {
    const auto first = order(ranked(12));
    EXPECT_EQ(order(RankFusion({.weight = 1.0, .k = 5}).fuse(ranked(12), {12, 11, 10}, 12)), first);
    EXPECT_EQ(order(RankFusion({}).fuse(ranked(12), {}, 12)), first);
    EXPECT_TRUE(RankFusion({}).fuse({}, {3, 2, 1}, 100).empty());
}

}  // namespace
}  // namespace yalu
