#include "bonus_ranker.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

namespace yalu {

namespace {

// Matches exactly the given documents (sorted docids) with no weight: the bonus pass's
// filter. Not serialisable, which is why BonusRanker is for local databases only.
class DocidListSource : public Xapian::PostingSource {
public:
    explicit DocidListSource(std::vector<Xapian::docid> ids) : ids_(std::move(ids)) {}

    Xapian::doccount get_termfreq_min() const override { return count(); }
    Xapian::doccount get_termfreq_est() const override { return count(); }
    Xapian::doccount get_termfreq_max() const override { return count(); }
    Xapian::docid get_docid() const override { return ids_[at_]; }
    bool at_end() const override { return started_ && at_ >= ids_.size(); }
    void init(const Xapian::Database&) override {
        at_ = 0;
        started_ = false;
    }
    void next(double) override {
        if (started_) ++at_;
        started_ = true;
    }
    void skip_to(Xapian::docid did, double) override {
        started_ = true;
        at_ = static_cast<std::size_t>(
            std::lower_bound(ids_.begin() + static_cast<long>(at_), ids_.end(), did) -
            ids_.begin());
    }
    Xapian::PostingSource* clone() const override { return new DocidListSource(ids_); }

private:
    [[nodiscard]] Xapian::doccount count() const {
        return static_cast<Xapian::doccount>(ids_.size());
    }

    std::vector<Xapian::docid> ids_;
    std::size_t at_ = 0;
    bool started_ = false;
};

// The documents of `mset`, for membership tests.
std::unordered_set<Xapian::docid> docids(const Xapian::MSet& mset) {
    std::unordered_set<Xapian::docid> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
    return out;
}

// The lowest first-pass score the window's documents may end above: the window's last's, or
// the rest's first's when that is higher (a first pass that missed a match the rest holds).
double window_floor_of(const std::vector<BonusRanker::Scored>& out, std::size_t end) {
    const double last = out[end - 1].score;
    return end < out.size() ? std::max(last, out[end].score) : last;
}

}  // namespace

Xapian::MSet BonusRanker::run(const Xapian::Query& query, Xapian::doccount count) const {
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(weighting_);
    enquire.set_query(query);
    return enquire.get_mset(0, count);
}

BonusRanker::BonusRanker(const Xapian::Database& db, const Xapian::Weight& weighting)
    : db_(db), weighting_(weighting) {}

std::vector<BonusRanker::Scored> BonusRanker::scored(const Xapian::MSet& first_pass) {
    std::vector<Scored> out;
    out.reserve(first_pass.size());
    for (auto it = first_pass.begin(); it != first_pass.end(); ++it)
        out.push_back({*it, it.get_weight()});
    return out;
}

void BonusRanker::finish(std::vector<Scored>& out, std::size_t end, double window_floor,
                         const RankedQuery& query,
                         const std::vector<std::unordered_set<Xapian::docid>>& found) {
    const auto last = out.begin() + static_cast<std::ptrdiff_t>(end);
    for (std::size_t k = 0; k < found.size(); ++k) {
        for (auto it = out.begin(); it != last; ++it) {
            if (found[k].count(it->docid)) it->score *= query.factors[k].factor;
        }
    }
    std::sort(out.begin(), last, [](const Scored& a, const Scored& b) {
        return a.score > b.score || (a.score == b.score && a.docid < b.docid);
    });
    // The rest keep their first-pass order below the window; where the window's last score
    // ended below theirs (a factor lowered it, a brief x 0.8, or the window's pass missed a
    // match the rest holds), they are scaled down by that score over `window_floor`, so the
    // printed scores fall throughout (a merge by score keeps this order). `window_floor` is at
    // least each of their first-pass scores, so the first of them lands at most at the
    // window's last.
    if (end == 0 || end >= out.size() || window_floor <= 0) return;
    const double lowest = out[end - 1].score;
    if (lowest >= window_floor) return;
    const double scale = std::max(lowest, 0.0) / window_floor;
    for (auto it = last; it != out.end(); ++it) it->score *= scale;
}

std::vector<BonusRanker::Scored> BonusRanker::rank(const RankedQuery& query,
                                                   std::vector<Scored> first_pass,
                                                   Xapian::doccount window) const {
    auto out = std::move(first_pass);
    const std::size_t end = std::min<std::size_t>(window, out.size());
    if (end == 0 || (query.bonus.empty() && query.factors.empty())) return out;
    const double window_floor = window_floor_of(out, end);  // before the bonus

    std::vector<Xapian::docid> ids;
    for (std::size_t k = 0; k < end; ++k) ids.push_back(out[k].docid);
    std::sort(ids.begin(), ids.end());
    // `part` alone, restricted to the window: Xapian checks the phrases document by document
    // there instead of scanning every document that holds the words.
    const auto in_window = [&](const Xapian::Query& part) {
        auto* source = new DocidListSource(ids);
        return run(Xapian::Query(Xapian::Query::OP_FILTER, part, Xapian::Query(source->release())),
                   static_cast<Xapian::doccount>(ids.size()));
    };
    if (!query.bonus.empty()) {
        const Xapian::MSet extra = in_window(query.bonus);
        std::unordered_map<Xapian::docid, double> add;
        for (auto it = extra.begin(); it != extra.end(); ++it) add.emplace(*it, it.get_weight());
        for (std::size_t k = 0; k < end; ++k) {
            if (const auto found = add.find(out[k].docid); found != add.end())
                out[k].score += found->second;
        }
    }
    std::vector<std::unordered_set<Xapian::docid>> found;
    // Which documents a factor applies to is all it asks: weighed as boolean (scaled by 0),
    // Xapian skips its terms' statistics and scores.
    for (const auto& f : query.factors)
        found.push_back(
            docids(in_window(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, f.docs, 0))));
    finish(out, end, window_floor, query, found);
    return out;
}

std::vector<BonusRanker::Scored> BonusRanker::rank_factors(const RankedQuery& query,
                                                           std::vector<Scored> first_pass,
                                                           Xapian::doccount window) const {
    auto out = std::move(first_pass);
    const std::size_t end = std::min<std::size_t>(window, out.size());
    if (end == 0 || query.factors.empty()) return out;
    const double window_floor = window_floor_of(out, end);
    std::vector<std::unordered_set<Xapian::docid>> found;
    for (const auto& f : query.factors) {
        // Filtering only removes documents, so a document ranked r-th in the first pass is at
        // most r-th here: the best `end` of this pass hold every such document of the window.
        found.push_back(
            docids(run(Xapian::Query(Xapian::Query::OP_FILTER, query.combined(), f.docs),
                       static_cast<Xapian::doccount>(end))));
    }
    finish(out, end, window_floor, query, found);
    return out;
}

}  // namespace yalu
