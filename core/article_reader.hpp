#pragma once
// ArticleReader: the interface every input format implements (plain text, XML, JSON Lines).

#include "article_completer.hpp"
#include "article_sink.hpp"
#include "reader_settings.hpp"
#include "text_normalizer.hpp"

#include <istream>
#include <string>

namespace yalu {

/// Turns one input stream into articles, rejections and warnings delivered to a sink. A bad
/// record never stops the rest of the stream. Implementations are stateless after
/// construction, so one instance may read many files.
class ArticleReader {
public:
    virtual ~ArticleReader() = default;
    /// Reads everything in `in`, naming `path` (or "-" for standard input) in locations.
    virtual void read(std::istream& in, const std::string& path, ArticleSink& sink) const = 0;

protected:
    /// Keeps the settings and the normaliser/completer every format uses.
    explicit ArticleReader(ReaderSettings settings) : settings_(settings), completer_(settings) {}

    ReaderSettings settings_;     ///< require_date, size limits
    TextNormalizer normalizer_;   ///< entities, UTF-8 repair, NFC, white space
    ArticleCompleter completer_;  ///< date, title, language and source completion
};

}  // namespace yalu
