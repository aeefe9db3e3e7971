#pragma once
// StoryFolder: recognises later versions of a story already on the page (--collapse).

#include "stored_article.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// Folds versions of one story: Yonhap's updates ((LEAD), (2nd LD), (종합2보)), the same wire
/// copy from several outlets under headlines of their own. Two articles dated at most a day
/// apart are one story when the shorter one's opening (its four-word sequences) is at least
/// 80% in the other's; when their headlines match once short bracketed tags at either end,
/// punctuation, spaces and case are set aside and their openings share 50% (or one is too
/// short to tell: a flash); or when one is the same outlet's tagged update of the other and
/// they share 50%. Undated articles are never folded. Feed it a ranking best first: the first
/// version seen stays.
class StoryFolder {
public:
    /// True when a version of this article's story came before; else remembers the story.
    [[nodiscard]] bool repeats(const StoredArticle& article);

    /// The headline reduced as described above; empty when nothing is left to compare.
    [[nodiscard]] static std::string headline_key(std::string_view title);

    /// Hashes of the four-word sequences among the first words of `body`, sorted, unique.
    [[nodiscard]] static std::vector<std::uint64_t> shingles(std::string_view body);

    /// The share of the smaller of two shingles() found in the other; nullopt when the smaller
    /// is too short to tell (a one-line flash or caption).
    [[nodiscard]] static std::optional<double> shared(const std::vector<std::uint64_t>& a,
                                                      const std::vector<std::uint64_t>& b);

private:
    struct Story {
        std::string headline;
        std::optional<long> day;  // days since 1970-01-01
        std::vector<std::uint64_t> opening;
        std::string source;
        bool update = false;  // the headline carries an update tag ((LEAD), (종합2보))
    };
    std::vector<Story> stories_;
};

}  // namespace yalu
