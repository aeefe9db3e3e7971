#pragma once
// StoryFolder: recognises later versions of a story already on the page (--collapse).

#include "stored_article.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace yalu {

/// Folds versions of one story: Yonhap's updates ((LEAD), (2nd LD), (종합2보)), a [속보]
/// flash and its full report, the same wire copy from several outlets under their own
/// headlines. Two articles are one story when their headlines match once short bracketed tags
/// at either end, punctuation, spaces and case are set aside, and their dates match; or when
/// half the four-word sequences of the shorter one's opening words are in the other's. Feed
/// it a ranking best first: the first version seen stays.
class StoryFolder {
public:
    /// True when a version of this article's story came before; else remembers the story.
    [[nodiscard]] bool repeats(const StoredArticle& article);

    /// What two versions of one story share: the date and the headline reduced as described
    /// above; empty when the headline holds nothing to compare.
    [[nodiscard]] static std::string headline_key(std::string_view title, std::string_view date);

    /// Hashes of the four-word sequences among the first words of `body`, sorted, unique.
    [[nodiscard]] static std::vector<std::uint64_t> shingles(std::string_view body);

    /// Whether two shingles() share at least half of the smaller one (and it is not tiny).
    [[nodiscard]] static bool same_text(const std::vector<std::uint64_t>& a,
                                        const std::vector<std::uint64_t>& b);

private:
    std::unordered_set<std::string> headlines_;
    std::vector<std::vector<std::uint64_t>> texts_;  // shingles() of each story kept
};

}  // namespace yalu
