#include "compound_splitter.hpp"

#include "ascii.hpp"
#include "english_stop_words.hpp"
#include "match_count.hpp"

#include <algorithm>
#include <array>

namespace yalu {

namespace {

// The particles of English phrasal verbs, which as a compound's second word make a verb more
// often than the compound (KCNA's factories "turn out" goods; turnout is an election's).
bool is_particle(std::string_view word) {
    constexpr std::array<std::string_view, 9> particles{"up",   "down", "out", "off",    "over",
                                                        "back", "away", "in",  "through"};
    return std::find(particles.begin(), particles.end(), word) != particles.end();
}

}  // namespace

std::vector<CompoundSplit> CompoundSplitter::splits(std::string_view lower,
                                                    Xapian::doccount least) const {
    constexpr std::size_t shortest_left = 3;
    constexpr std::size_t shortest_right = 2;
    std::vector<CompoundSplit> found;
    if (lower.size() < shortest_left + shortest_right || lower.size() > 30 ||
        !std::all_of(lower.begin(), lower.end(), ascii::is_lower))
        return found;
    least = std::max<Xapian::doccount>(least, 1);
    for (std::size_t at = shortest_left; at + shortest_right <= lower.size(); ++at) {
        CompoundSplit split{std::string(lower.substr(0, at)), std::string(lower.substr(at)), 0};
        if (is_english_stop_word(split.left) || is_particle(split.right) ||
            !db_.term_exists(split.left) || !db_.term_exists(split.right))
            continue;
        // Counted only as far as `least` and a little beyond, to rank the splits: a phrase
        // of two common words (build up) would otherwise cost a scan of both lists.
        const Xapian::Query phrase(Xapian::Query::OP_PHRASE, Xapian::Query(split.left),
                                   Xapian::Query(split.right));
        split.count = match_count(db_, phrase, 2 * least);
        if (split.count >= least) found.push_back(std::move(split));
    }
    std::stable_sort(
        found.begin(), found.end(),
        [](const CompoundSplit& a, const CompoundSplit& b) { return a.count > b.count; });
    return found;
}

}  // namespace yalu
