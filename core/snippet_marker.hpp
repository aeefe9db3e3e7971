#pragma once
// SnippetMarker: marks query words Xapian's snippet left unmarked.

#include <string>
#include <vector>

namespace yalu {

/// Xapian 1.4's MSet::snippet marks phrases of CJK characters only when they are as long as
/// the query's longest one (신년사 and 경제: only 신년사 is marked). This marks the remaining
/// occurrences of the given Hangul words in a snippet, outside the marks already there.
class SnippetMarker {
public:
    /// `words`: what to mark (UTF-8, no markup characters); `open`/`close`: the marks.
    SnippetMarker(std::vector<std::string> words, std::string open, std::string close);

    /// `snippet` (XML-escaped text with marks) with every unmarked occurrence of a word marked.
    [[nodiscard]] std::string mark(const std::string& snippet) const;

private:
    std::vector<std::string> words_;  // longest first, so 김정은 wins over 김정
    std::string open_;
    std::string close_;
};

}  // namespace yalu
