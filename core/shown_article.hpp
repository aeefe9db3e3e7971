#pragma once
// ShownArticle: the article `yalu-search --show ID` prints, and the shards holding its id.

#include "stored_article.hpp"

#include <string>
#include <vector>

namespace yalu {

/// One stored article found by id (Searcher::show).
struct ShownArticle {
    StoredArticle article;  ///< the copy shown
    /// The shards (the stub's lines, each a database or a stub) holding the id when more than
    /// one does, in the order the stub lists them; the copy shown is the first one's. Empty
    /// otherwise.
    std::vector<std::string> shards;
};

}  // namespace yalu
