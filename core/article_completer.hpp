#pragma once
// ArticleCompleter: the checks and fill-ins every reader applies after parsing a record (date,
// byline e-mail, derived title, language, source from the e-mail domain, empty body).

#include "article.hpp"
#include "article_sink.hpp"
#include "date_parser.hpp"
#include "reader_settings.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// Finishes a parsed Article and decides whether it may be delivered; stateless apart from
/// settings.
class ArticleCompleter {
public:
    /// Longest id accepted (Xapian's term limit is 245 bytes, prefix included).
    static constexpr std::size_t max_id_bytes = 200;
    /// Longest title, byline or source kept (ten times the archive's longest): longer ones are
    /// cut, with a warning, since every result list showing the article carries them.
    static constexpr std::size_t max_field_bytes = 2048;

    /// Uses `settings.require_date` to choose between rejecting and warning about dates.
    explicit ArticleCompleter(ReaderSettings settings);

    /// Fills date (metadata, else dateline), byline/email, title, lang, source; false after
    /// sink.reject().
    [[nodiscard]] bool complete(Article& article, std::string_view raw_date,
                                ArticleSink& sink) const;

    /// Title made from the first sentence of the body (dateline removed), cut near 120 characters.
    [[nodiscard]] std::string derive_title(const std::vector<std::string>& paragraphs) const;

    /// "ko" when at least 30% of the letters are Hangul, "en" when there are Latin letters, else
    /// "".
    [[nodiscard]] static std::string detect_lang(std::string_view text);

    /// Publication for a known newsroom e-mail domain ("heraldcorp.com" -> "The Korea Herald").
    [[nodiscard]] static std::string source_for_email(std::string_view email);

private:
    ReaderSettings settings_;
    DateParser dates_;
};

}  // namespace yalu
