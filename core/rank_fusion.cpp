#include "rank_fusion.hpp"

#include <algorithm>
#include <unordered_map>

namespace yalu {

std::vector<BonusRanker::Scored> RankFusion::fuse(const std::vector<BonusRanker::Scored>& first,
                                                  const std::vector<Xapian::docid>& second,
                                                  std::size_t window) const {
    // Scaled by 100 so that printed scores (two decimals) still tell ranks apart deep down.
    const double w = 100 * settings_.weight;
    const double k = settings_.k;
    std::vector<BonusRanker::Scored> out;
    out.reserve(first.size());
    const std::size_t end = std::min(window, first.size());
    std::unordered_map<Xapian::docid, std::size_t> in_window;
    for (std::size_t r = 0; r < first.size(); ++r) {
        if (r < end) in_window.emplace(first[r].docid, r);
        out.push_back({first[r].docid, w / (k + static_cast<double>(r) + 1)});
    }
    // The second order's ranks count among the window's documents only, so a document the
    // first order excluded (a quoted phrase, a name written otherwise) neither joins nor
    // pushes the others down.
    std::size_t rank = 0;
    for (const Xapian::docid id : second) {
        const auto found = in_window.find(id);
        if (found == in_window.end()) continue;
        out[found->second].score += (100 - w) / (k + static_cast<double>(++rank));
    }
    // Stable: equal scores keep the first order. Every window document keeps at least
    // w / (k + window), above all the rest's, so the sort stays inside the window.
    std::stable_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(end),
                     [](const BonusRanker::Scored& a, const BonusRanker::Scored& b) {
                         return a.score > b.score;
                     });
    return out;
}

}  // namespace yalu
