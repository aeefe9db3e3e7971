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

}  // namespace

BonusRanker::BonusRanker(const Xapian::Database& db, const Xapian::Weight& weighting)
    : db_(db), weighting_(weighting) {}

std::vector<BonusRanker::Scored> BonusRanker::rank(const RankedQuery& query,
                                                   const Xapian::MSet& first_pass,
                                                   Xapian::doccount window) const {
    std::vector<Scored> out;
    out.reserve(first_pass.size());
    for (auto it = first_pass.begin(); it != first_pass.end(); ++it)
        out.push_back({*it, it.get_weight()});
    const auto rescored = out.begin() + std::min<std::ptrdiff_t>(window, std::ssize(out));
    if (query.bonus.empty() || rescored == out.begin()) return out;

    std::vector<Xapian::docid> ids;
    for (auto it = out.begin(); it != rescored; ++it) ids.push_back(it->docid);
    std::sort(ids.begin(), ids.end());
    const auto count = static_cast<Xapian::doccount>(ids.size());
    // The bonus alone, restricted to the window: Xapian checks the phrases document by
    // document there instead of scanning every document that holds the words.
    Xapian::Enquire bonus(db_);
    bonus.set_weighting_scheme(weighting_);
    auto* source = new DocidListSource(std::move(ids));
    bonus.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, query.bonus, Xapian::Query(source->release())));
    const Xapian::MSet extra = bonus.get_mset(0, count);
    std::unordered_map<Xapian::docid, double> add;
    for (auto it = extra.begin(); it != extra.end(); ++it) add.emplace(*it, it.get_weight());
    for (auto it = out.begin(); it != rescored; ++it) {
        if (const auto found = add.find(it->docid); found != add.end()) it->score += found->second;
    }
    std::sort(out.begin(), rescored, [](const Scored& a, const Scored& b) {
        return a.score > b.score || (a.score == b.score && a.docid < b.docid);
    });
    return out;
}

}  // namespace yalu
