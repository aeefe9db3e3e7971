// Tests for CompoundSplitter: which two-word forms of a solid word count, and which do not.

#include "compound_splitter.hpp"

#include "memory_index.hpp"

#include <gtest/gtest.h>

#include <xapian.h>

#include <string>
#include <vector>

namespace yalu {
namespace {

std::vector<std::string> written(const std::vector<CompoundSplit>& splits) {
    std::vector<std::string> out;
    for (const auto& s : splits)
        out.push_back(s.left + "-" + s.right + ":" + std::to_string(s.count));
    return out;
}

TEST(CompoundSplitter, FindsTheTwoWordsArticlesWriteForACompound) {
    const auto db = test::memory_index({"A sub-critical nuclear test.",
                                        "Another sub-critical test.", "Its school teachers met.",
                                        "Teachers of a school.", "Ground-breaking ceremony.",
                                        "A ground breaking rite.", "The groundbreaking work."});
    const CompoundSplitter splitter(db);
    EXPECT_EQ(written(splitter.splits("subcritical", 1)),
              (std::vector<std::string>{"sub-critical:2"}));
    // Counted as a phrase: "Teachers of a school" holds both words but not in a row.
    EXPECT_EQ(written(splitter.splits("schoolteachers", 1)),
              (std::vector<std::string>{"school-teachers:1"}));
    EXPECT_TRUE(splitter.splits("schoolteachers", 2).empty());
    EXPECT_EQ(written(splitter.splits("groundbreaking", 2)),
              (std::vector<std::string>{"ground-breaking:2"}));
}

TEST(CompoundSplitter, LeavesFunctionWordsParticlesAndOtherInputAlone) {
    const auto db = test::memory_index({"The rapist fled.", "The rapist was caught.",
                                        "Factories turn out goods.", "They turn out more goods.",
                                        "Take over the plant.", "Take over the mine."});
    const CompoundSplitter splitter(db);
    // A function word first (the-rapist), a verb's particle second (turn-out, take-over).
    EXPECT_TRUE(splitter.splits("therapist", 1).empty());
    EXPECT_TRUE(splitter.splits("turnout", 1).empty());
    EXPECT_TRUE(splitter.splits("takeover", 1).empty());
    // Not lower-case letters, or too short to hold two words.
    EXPECT_TRUE(splitter.splits("Therapist", 1).empty());
    EXPECT_TRUE(splitter.splits("sub2critical", 1).empty());
    EXPECT_TRUE(splitter.splits("take", 1).empty());
}

}  // namespace
}  // namespace yalu
