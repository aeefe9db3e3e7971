#pragma once
// RankFusion: reorders a ranking's best matches by reciprocal rank against a second ranking.

#include "bonus_ranker.hpp"

#include <xapian.h>

#include <cstddef>
#include <vector>

namespace yalu {

/// Reciprocal-rank fusion of two orders: a document of the first order's window scores
/// 100 x (weight / (k + its rank there) + (1 - weight) / (k + its rank in the second among
/// the window's documents)), a rank it lacks adding nothing. tests/relevance measured it on English
/// queries against plain Xapian's order: strong matches the every-word tier buried come back
/// (docs/RELEVANCE.md).
class RankFusion {
public:
    /// How much each order counts.
    struct Settings {
        double weight = 0.7;  ///< the first order's share; the second gets the rest
        double k = 5;         ///< rank offset: higher flattens the top ranks' lead
    };

    /// Fuses with `settings`.
    explicit RankFusion(Settings settings) : settings_(settings) {}

    /// `first` (best first) with its first `window` documents reordered against `second`
    /// (docids, best first; those outside the window are ignored), the rest after them in
    /// their order, scored 100 x weight / (k + rank) so scores fall throughout.
    [[nodiscard]] std::vector<BonusRanker::Scored> fuse(
        const std::vector<BonusRanker::Scored>& first, const std::vector<Xapian::docid>& second,
        std::size_t window) const;

private:
    Settings settings_;
};

}  // namespace yalu
