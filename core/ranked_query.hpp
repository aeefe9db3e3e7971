#pragma once
// RankedQuery: a query split into what decides the match and a score-only bonus.

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace yalu {

/// A multiplier for the scores of some documents among a query's best matches (schema <home>:
/// articles about the archive's home; <brief>: captions and one-line items).
struct ScoreFactor {
    std::string name;     ///< what it is ("home", "brief"), for --explain
    Xapian::Query docs;   ///< boolean: the documents it applies to
    double factor = 1.0;  ///< their score multiplier
    std::string about;    ///< those documents in words, for --explain (empty: `docs` described)
};

/// A ranked query as two parts: `match` decides which documents match and scores them;
/// `bonus` (may be empty) only adds weight to documents `match` already matched (adjacent
/// words found as a phrase). Kept apart so a search can score the costly bonus on the best
/// candidates only (BonusRanker); combined() is the one-pass query with the same ranking.
/// `factors` multiply scores, which no Xapian query can express: BonusRanker applies them to
/// the best candidates after the pass, and combined() leaves them out.
struct RankedQuery {
    /// An empty query (matches nothing).
    RankedQuery() = default;
    /// `match` with `bonus` and no score factors.
    explicit RankedQuery(Xapian::Query match_, Xapian::Query bonus_ = Xapian::Query())
        : match(std::move(match_)), bonus(std::move(bonus_)) {}

    Xapian::Query match;               ///< decides the match set and its base scores
    Xapian::Query bonus;               ///< weight-only extra; empty when there is none
    std::vector<ScoreFactor> factors;  ///< multipliers for the best matches, applied in order
    /// What snippets mark (empty: `match`): the words as typed, a Hangul word as its noun
    /// without the particle, no other spellings (their "of", "the" would be marked alone).
    Xapian::Query snippet;
    /// The Hangul words of `snippet` (nouns as typed, a number written against one included),
    /// for SnippetMarker: Xapian marks only the longest of them.
    std::vector<std::string> marked_words;
    /// A plain reading of the words (QueryParser's defaults, scored by BM25Weight's defaults)
    /// whose ranking RankFusion blends with this one's; empty for none (Hangul, syntax).
    Xapian::Query blend;
    /// Browse mode: no word to search, only filters (boolean terms), so every match weighs
    /// nothing and counting them all exactly is cheap.
    bool browse = false;
    /// The years and months typed in the words (their date terms: 2019, December 2025), whose
    /// articles QueryBuilder prefers; empty for none.
    Xapian::Query periods;

    /// `match` AND_MAYBE `bonus` (just `match` without a bonus).
    [[nodiscard]] Xapian::Query combined() const {
        if (bonus.empty()) return match;
        return Xapian::Query(Xapian::Query::OP_AND_MAYBE, match, bonus);
    }
};

}  // namespace yalu
