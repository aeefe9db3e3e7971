#pragma once
// JsonlReader: JSON Lines, one article object per line (the shared corpus layout).

#include "article_reader.hpp"

#include <istream>
#include <optional>
#include <string>

namespace yalu {

/// Reads {"id","source","url","date","title","byline","lang","body"} records (any may be null).
class JsonlReader : public ArticleReader {
public:
    /// Keeps the settings (require_date, max_record_bytes = longest line accepted).
    explicit JsonlReader(ReaderSettings settings = {});
    /// Reads every line of `in` ("-" as `path` for standard input); bad lines are rejected one by
    /// one.
    void read(std::istream& in, const std::string& path, ArticleSink& sink) const override;

private:
    /// The article of one line (read whole, not blank), or nullopt once the line is rejected
    /// or the article found incomplete (said to `sink`); `last_unended`: the input ended
    /// without a line end after it, so broken JSON there is a record not yet written whole.
    /// Throws std::bad_alloc when memory runs out on the way, for read() to reject the line.
    [[nodiscard]] std::optional<Article> article_of(const std::string& line,
                                                    const SourceLocation& where, bool last_unended,
                                                    ArticleSink& sink) const;
};

}  // namespace yalu
