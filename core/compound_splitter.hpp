#pragma once
// CompoundSplitter: the two words an English compound is also written as.

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// One way of writing a compound as two words (taekwondo: taekwon-do), and how many articles
/// write it so (counted up to the number asked for).
struct CompoundSplit {
    std::string left;          ///< the first word (taekwon)
    std::string right;         ///< the second word (do)
    Xapian::doccount count{};  ///< articles holding the two as a phrase
};

/// Splits a solid English word into the two words articles write for it: the index holds a
/// hyphenated word (ground-breaking, sub-critical, build-up) as two words in a row, so an
/// analyst typing groundbreaking, subcritical or buildup finds only the articles that write it
/// solid. A split's first word has three letters or more and is no function word (the-rapist,
/// on-going), its second two or more and no verb's particle (turn out, take over, lay off
/// are verbs more often than turnout, takeover, layoff); both must be words of the index.
class CompoundSplitter {
public:
    /// Splits against the words and phrases of `db`.
    explicit CompoundSplitter(const Xapian::Database& db) : db_(db) {}

    /// The splits of `lower` (lower-case ASCII letters, 5 to 30 of them) that at least `least`
    /// articles write as a phrase, the most written first.
    [[nodiscard]] std::vector<CompoundSplit> splits(std::string_view lower,
                                                    Xapian::doccount least) const;

private:
    const Xapian::Database& db_;
};

}  // namespace yalu
