#pragma once
// ResultWriter: prints search results and stored articles as text for people or JSON for scripts.

#include "search_result.hpp"
#include "stored_article.hpp"

#include <ostream>

namespace yalu {

/// How text output looks.
struct TextStyle {
    bool color = false;  ///< ANSI bold for matches (a terminal); else matches are *starred*
};

/// Stateless printers; the JSON keys are documented in docs/SEARCH.md and kept stable.
class ResultWriter {
public:
    /// Ranked results for people: rank, date, title, source, id, snippet; then a count line.
    static void write_text(std::ostream& out, const SearchResult& result, const TextStyle& style);
    /// {"query", "total", "offset", "results": [{rank, id, score, date, title, source, url,
    /// byline, snippet, entities}]} on one line.
    static void write_json(std::ostream& out, const SearchResult& result);
    /// An error that ended the run, as one JSON object {"error", "exit"} (--format json).
    static void write_json_failure(std::ostream& out, const std::string& message, int exit_code);
    /// {"query", "error"} on one line: a query of a batch that could not run.
    static void write_json_error(std::ostream& out, const std::string& query,
                                 const std::string& message);
    /// One article in full, for people.
    static void write_article_text(std::ostream& out, const StoredArticle& article);
    /// One article as a JSON object with every stored field.
    static void write_article_json(std::ostream& out, const StoredArticle& article);
    /// `text` safe for a terminal: control characters (an ESC sequence in an article's title
    /// would run in the reader's terminal) become '?', each byte of what is no UTF-8 U+FFFD,
    /// tabs and, unless `keep_newlines`, line breaks become spaces.
    [[nodiscard]] static std::string printable(std::string_view text, bool keep_newlines = false);
    /// A snippet's XML-escaped text with <b> marks, turned into plain terminal text.
    [[nodiscard]] static std::string snippet_to_text(const std::string& snippet,
                                                     const TextStyle& style);
};

}  // namespace yalu
