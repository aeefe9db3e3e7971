#pragma once
// JsonlReader: JSON Lines, one article object per line (the shared corpus layout).

#include "article_completer.hpp"
#include "article_sink.hpp"
#include "reader_settings.hpp"
#include "text_normalizer.hpp"

#include <istream>
#include <string>

namespace yalu {

/// Reads {"id","source","url","date","title","byline","lang","body"} records (any may be null).
class JsonlReader {
public:
    /// Keeps the settings (require_date, max_record_bytes = longest line accepted).
    explicit JsonlReader(ReaderSettings settings = {});
    /// Reads every line of `in` ("-" as `path` for standard input); bad lines are rejected one by one.
    void read(std::istream& in, const std::string& path, ArticleSink& sink) const;

private:
    ReaderSettings settings_;
    TextNormalizer normalizer_;
    ArticleCompleter completer_;
};

}  // namespace yalu
