#pragma once
// Article: the one in-memory shape every reader produces and the analyser consumes.

#include "date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// Where a record came from: the file and the 1-based line (or JSON Lines record) it starts on.
struct SourceLocation {
    std::string path;  ///< file path as given on the command line, or "-" for standard input
    long line = 0;     ///< 1-based line of the record's start; 0 when unknown
};

/// Where an article's date was found (issue 4 reports it).
enum class DateOrigin { none, metadata, dateline, path };

/// The stored name of `origin`: "metadata", "dateline", "path", or "" for none.
[[nodiscard]] std::string_view to_string(DateOrigin origin);

/// A news article after reading and text normalisation: valid NFC UTF-8 everywhere.
struct Article {
    std::string id;            ///< unique, stable id (from the record, or the file path)
    std::string source;        ///< publication name, e.g. "KCNA" or "The Korea Herald"
    std::string url;           ///< link to the original, may be empty
    std::optional<Date> date;  ///< publication date, empty when unknown
    DateOrigin date_origin = DateOrigin::none;  ///< where `date` came from
    std::string title;                    ///< headline; derived from the first sentence if absent
    bool title_derived = false;           ///< true when `title` was made from the body
    std::string byline;                   ///< author or desk name(s), without e-mail
    std::string email;                    ///< author e-mail when the byline gives one
    std::string lang;                     ///< ISO 639-1 code ("en", "ko"); empty when unknown
    std::vector<std::string> paragraphs;  ///< body text, one entry per paragraph
    SourceLocation location;              ///< where the record was read from

    /// The body as one string, paragraphs joined by '\n'.
    [[nodiscard]] std::string body() const;
};

}  // namespace yalu
