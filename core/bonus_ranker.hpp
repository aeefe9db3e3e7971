#pragma once
// BonusRanker: adds a RankedQuery's phrase bonus to the best matches only (a rescore window).

#include "ranked_query.hpp"

#include <xapian.h>

#include <vector>

namespace yalu {

/// Reorders the first pass's best matches by match score + bonus. A phrase bonus evaluated
/// by Xapian in the same pass reads the positions of every document that holds both words of
/// a pair (10-50 ms on multi-word English queries over the archive); here each phrase is only
/// checked in the window's documents. Local databases only: the window is passed to Xapian as
/// a list of docids, which a remote shard cannot receive.
class BonusRanker {
public:
    /// One result: a document and its final score.
    struct Scored {
        Xapian::docid docid;  ///< in the database searched
        double score;         ///< match score plus bonus
    };

    /// `db` and `weighting` must be those of the first pass, and outlive the ranker.
    BonusRanker(const Xapian::Database& db, const Xapian::Weight& weighting);

    /// The documents of `first_pass` (its MSet of `query.match` from rank 0, best first):
    /// its first `window` documents with the bonus added and reordered (equal scores: lower
    /// docid first, as Xapian orders them), then the rest in their first-pass order.
    [[nodiscard]] std::vector<Scored> rank(const RankedQuery& query, const Xapian::MSet& first_pass,
                                           Xapian::doccount window) const;

private:
    const Xapian::Database& db_;
    const Xapian::Weight& weighting_;
};

}  // namespace yalu
