#pragma once
// ArticleReader: the interface every input format implements (plain text, XML, JSON Lines).

#include "article_completer.hpp"
#include "article_sink.hpp"
#include "reader_settings.hpp"
#include "text_normalizer.hpp"
#include "watched_sink.hpp"

#include <cstddef>
#include <istream>
#include <new>
#include <optional>
#include <string>
#include <utility>

namespace yalu {

/// Turns one input stream into articles, rejections and warnings delivered to a sink. A bad
/// record never stops the rest of the stream, nor does one that memory could not hold while it
/// was read or parsed (std::bad_alloc, and the libraries' own out-of-memory statuses): it is
/// rejected as out of memory (ReaderSettings::out_of_memory). Articles go to the sink outside
/// those catches, so what the sink throws (its own memory too) passes through. Implementations are
/// stateless after construction, so one instance may read many files.
class ArticleReader {
public:
    virtual ~ArticleReader() = default;
    /// Reads everything in `in`, naming `path` (or "-" for standard input) in locations.
    virtual void read(std::istream& in, const std::string& path, ArticleSink& sink) const = 0;

protected:
    /// Keeps the settings and the normaliser/completer every format uses.
    explicit ArticleReader(ReaderSettings settings) : settings_(settings), completer_(settings) {}

    /// The bytes from `in`'s position to its end, nullopt when it cannot tell (a pipe); the
    /// position is left where it was.
    [[nodiscard]] static std::optional<std::size_t> bytes_left(std::istream& in) {
        const auto start = in.tellg();
        if (start < 0 || !in.seekg(0, std::ios::end)) {
            in.clear();
            return std::nullopt;
        }
        const auto size = static_cast<std::size_t>(in.tellg() - start);
        in.seekg(start);
        return size;
    }

    /// Makes one record's article with `make(sink)` and hands it to `sink`. Memory that runs
    /// out while the record is made rejects that record alone, with the Rejection `rejection()`
    /// builds; what the sink throws on the way (a rejection, a warning: the run's memory, not
    /// the record's) passes through, as does the article's delivery, outside the catch.
    template <typename Make, typename OutOfMemory>
    static void deliver_record(ArticleSink& sink, Make&& make, OutOfMemory&& rejection) {
        std::optional<Article> article;
        WatchedSink watched(sink);
        try {
            article = make(watched);
        } catch (const std::bad_alloc&) {
            if (watched.threw()) throw;
            sink.reject(rejection());
            return;
        }
        if (article) sink.accept(std::move(*article));
    }

    ReaderSettings settings_;     ///< require_date, size limits
    TextNormalizer normalizer_;   ///< entities, UTF-8 repair, NFC, white space
    ArticleCompleter completer_;  ///< date, title, language and source completion
};

}  // namespace yalu
