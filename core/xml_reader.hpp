#pragma once
// XmlReader: .xml files per schemas/article.xsd, one <article> or an <articles> collection.

#include "article_completer.hpp"
#include "article_sink.hpp"
#include "reader_settings.hpp"
#include "text_normalizer.hpp"

#include <istream>
#include <string>
#include <vector>

namespace yalu {

/// Reads <article id date source lang url><title/><byline/><body><p/>...</body></article> files.
class XmlReader {
public:
    /// Keeps the settings (require_date).
    explicit XmlReader(ReaderSettings settings = {});
    /// Reads every article of the document from `path`; broken XML rejects the whole file.
    void read(std::istream& in, const std::string& path, ArticleSink& sink) const;
    /// Every element and attribute name the reader understands (tests compare them to the XSD).
    [[nodiscard]] static const std::vector<std::string>& known_names();

private:
    ReaderSettings settings_;
    TextNormalizer normalizer_;
    ArticleCompleter completer_;
};

}  // namespace yalu
