#pragma once
// opening_snippet: the snippet of an article a search with no words (a browse) shows.

#include <string>
#include <string_view>

namespace yalu {

/// The first `chars` characters of `body` as a snippet: runs of white space as one space,
/// cut at a word's end when one lies in the second half, "…" where text was cut, and
/// XML-escaped (& < >) as Xapian's snippets are.
[[nodiscard]] std::string opening_snippet(std::string_view body, unsigned chars);

}  // namespace yalu
