#pragma once
// BonusRanker: adds a RankedQuery's phrase bonus to the best matches only (a rescore window).

#include "ranked_query.hpp"

#include <xapian.h>

#include <cstddef>
#include <unordered_set>
#include <vector>

namespace yalu {

/// Reorders the first pass's best matches by (match score + bonus) x the score factors that
/// apply to each. A phrase bonus evaluated by Xapian in the same pass reads the positions of
/// every document that holds both words of a pair (10-50 ms on multi-word English queries over
/// the archive); here each phrase is only checked in the window's documents. rank() passes the
/// window to Xapian as a list of docids, which a remote shard cannot receive: local databases
/// only. rank_factors() serves every database, shards included, for a first pass that scored
/// the bonus.
class BonusRanker {
public:
    /// One result: a document and its final score.
    struct Scored {
        Xapian::docid docid;  ///< in the database searched
        double score;         ///< (match score plus bonus) times the factors that apply
    };

    /// `db` and `weighting` must be those of the first pass, and outlive the ranker.
    BonusRanker(const Xapian::Database& db, const Xapian::Weight& weighting);

    /// The documents of `first_pass` (best first: scored() of an MSet of `query.match` from
    /// rank 0, or a window's pass followed by the rest of a deeper one): its first `window`
    /// documents with the bonus added and reordered (equal scores: lower docid first, as Xapian
    /// orders them), then the rest in their first-pass order, their scores scaled down where
    /// needed so that scores never rise with rank (a factor below 1 can put the window's last
    /// below the first of the rest, and so can a window's pass that missed a match the rest holds).
    [[nodiscard]] std::vector<Scored> rank(const RankedQuery& query, std::vector<Scored> first_pass,
                                           Xapian::doccount window) const;

    /// The same for a first pass of `query.combined()` (bonus already in its scores): only the
    /// factors are applied. Which window documents a factor applies to comes from a second
    /// pass of that query filtered by the factor's documents, so it works on remote shards too.
    [[nodiscard]] std::vector<Scored> rank_factors(const RankedQuery& query,
                                                   std::vector<Scored> first_pass,
                                                   Xapian::doccount window) const;

    /// `first_pass` as Scored, in its order.
    [[nodiscard]] static std::vector<Scored> scored(const Xapian::MSet& first_pass);

private:
    // The best `count` documents of `query`, weighted like the first pass.
    [[nodiscard]] Xapian::MSet run(const Xapian::Query& query, Xapian::doccount count) const;
    // Multiplies the documents of out[0, end) found in `found[k]` by factor k and sorts that
    // part; scales the rest down when the window's last fell below them (`window_floor`: the
    // first-pass score of the window's last document, or of the rest's first where that is
    // higher).
    static void finish(std::vector<Scored>& out, std::size_t end, double window_floor,
                       const RankedQuery& query,
                       const std::vector<std::unordered_set<Xapian::docid>>& found);

    const Xapian::Database& db_;
    const Xapian::Weight& weighting_;
};

}  // namespace yalu
