#pragma once
// PlainTextReader: the seed's .txt shape (" date YYYY-MM-DD " running into the body, one
// paragraph per line, a closing "By NAME (EMAIL)" credit that may wrap).

#include "article_reader.hpp"
#include "date_parser.hpp"

#include <istream>
#include <optional>
#include <string>

namespace yalu {

/// Reads one .txt article; its id is the file name without extension (names must be unique).
class PlainTextReader : public ArticleReader {
public:
    /// Keeps the settings (require_date, max_record_bytes = largest file accepted).
    explicit PlainTextReader(ReaderSettings settings = {});
    /// Reads the whole stream as one article from `path` and delivers it (or its rejection).
    void read(std::istream& in, const std::string& path, ArticleSink& sink) const override;

private:
    /// The article of the whole stream, or nullopt once it is rejected (said to `sink`).
    /// Throws std::bad_alloc when memory runs out on the way, for read() to reject the file.
    [[nodiscard]] std::optional<Article> article_of(std::istream& in, const std::string& path,
                                                    ArticleSink& sink) const;

    DateParser dates_;  // how many words after "date" the date takes
};

}  // namespace yalu
