#pragma once
// RankedQuery: a query split into what decides the match and a score-only bonus.

#include <xapian.h>

namespace yalu {

/// A ranked query as two parts: `match` decides which documents match and scores them;
/// `bonus` (may be empty) only adds weight to documents `match` already matched (adjacent
/// words found as a phrase). Kept apart so a search can score the costly bonus on the best
/// candidates only (BonusRanker); combined() is the one-pass query with the same ranking.
struct RankedQuery {
    Xapian::Query match;  ///< decides the match set and its base scores
    Xapian::Query bonus;  ///< weight-only extra; empty when there is none

    /// `match` AND_MAYBE `bonus` (just `match` without a bonus).
    [[nodiscard]] Xapian::Query combined() const {
        if (bonus.empty()) return match;
        return Xapian::Query(Xapian::Query::OP_AND_MAYBE, match, bonus);
    }
};

}  // namespace yalu
