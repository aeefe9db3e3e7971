#pragma once
// XmlReader: .xml files per schemas/article.xsd, one <article> or an <articles> collection.

#include "article_reader.hpp"

#include <istream>
#include <string>
#include <vector>

namespace yalu {

/// Reads <article id date source lang url><title/><byline/><body><p/>...</body></article> files.
class XmlReader : public ArticleReader {
public:
    /// Keeps the settings (require_date).
    explicit XmlReader(ReaderSettings settings = {});
    /// Reads every article of the document from `path`; broken XML, a reference nothing expands
    /// (`&kju;`), or an <articles> holding no <article> as a direct child, rejects the whole
    /// file without an id (so nothing is pruned).
    void read(std::istream& in, const std::string& path, ArticleSink& sink) const override;
    /// Every element and attribute name the reader understands (tests compare them to the XSD).
    [[nodiscard]] static const std::vector<std::string>& known_names();
};

}  // namespace yalu
