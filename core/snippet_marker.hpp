#pragma once
// SnippetMarker: marks query words Xapian's snippet left unmarked.

#include <string>
#include <vector>

namespace yalu {

/// Mends what Xapian 1.4's MSet::snippet gets wrong with Hangul: it marks phrases of CJK
/// characters only when they are as long as the query's longest one (신년사 and 경제: only
/// 신년사 is marked), it marks a syllable phrase across two words (남<b>북 한</b>계선), and a
/// cut inside a mark leaves it open (동맹<b>관…). This drops Xapian's marks on Hangul, marks
/// every occurrence of the given Hangul words whole, and closes an open mark.
class SnippetMarker {
public:
    /// `words`: what to mark (UTF-8, no markup characters); `open`/`close`: the marks.
    SnippetMarker(std::vector<std::string> words, std::string open, std::string close);

    /// `snippet` (XML-escaped text with marks) mended: Latin marks kept, every occurrence of a
    /// word marked (not after a digit: 2월 inside 12월), every mark closed.
    [[nodiscard]] std::string mark(const std::string& snippet) const;

private:
    std::vector<std::string> words_;  // longest first, so 김정은 wins over 김정
    std::string open_;
    std::string close_;
    std::string starts_;  // the first bytes of open_, close_ and the words
};

}  // namespace yalu
