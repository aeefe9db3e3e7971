#pragma once
// XmlReader: .xml files per schemas/article.xsd, one <article> or an <articles> collection.

#include "article_reader.hpp"

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace yalu {

/// Reads <article id date source lang url><title/><byline/><body><p/>...</body></article> files.
class XmlReader : public ArticleReader {
public:
    /// Keeps the settings (require_date).
    explicit XmlReader(ReaderSettings settings = {});
    /// Elements nested deeper than this (the root is level 1) reject the file: real articles
    /// nest a few levels, and the DOM walks must not run out of stack.
    static constexpr std::size_t max_depth = 1000;
    /// Reads every article of the document from `path`; broken XML, a reference nothing expands
    /// (`&kju;`), elements nested deeper than `max_depth`, or an <articles> holding no <article>
    /// as a direct child, rejects the whole file without an id (so nothing is pruned).
    void read(std::istream& in, const std::string& path, ArticleSink& sink) const override;
    /// Every element and attribute name the reader understands (tests compare them to the XSD).
    [[nodiscard]] static const std::vector<std::string>& known_names();
};

}  // namespace yalu
