#pragma once
// XmlReader: .xml files per schemas/article.xsd, one <article> or an <articles> collection.

#include "article_reader.hpp"

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pugi {
class xml_document;
class xml_node;
}  // namespace pugi

namespace yalu {

class LineIndex;
struct XmlSplit;

/// Reads <article id date source lang url><title/><byline/><body><p/>...</body></article> files.
class XmlReader : public ArticleReader {
public:
    /// Keeps the settings (require_date).
    explicit XmlReader(ReaderSettings settings = {});
    /// Elements nested deeper than this (the root is level 1) reject the file: real articles
    /// nest a few levels, and the DOM walks must not run out of stack.
    static constexpr std::size_t max_depth = 1000;
    /// Reads every article of the document from `path`; broken XML, a reference nothing expands
    /// (`&kju;`), elements nested deeper than `max_depth`, or an <articles> holding no <article>
    /// as a direct child, rejects the whole file without an id (so nothing is pruned), except
    /// that an <articles> file that does not parse is read again article by article: each
    /// broken article is rejected under its id, broken text between articles or a missing
    /// </articles> without one.
    void read(std::istream& in, const std::string& path, ArticleSink& sink) const override;
    /// Every element and attribute name the reader understands (tests compare them to the XSD).
    [[nodiscard]] static const std::vector<std::string>& known_names();
    /// Maps a byte offset of a parsed document to the line of the file it came from.
    using LineOf = std::function<long(std::ptrdiff_t)>;

private:
    /// The file's text as UTF-8 (a declared encoding converted, bad bytes repaired), or nullopt
    /// once rejected; `sink` (none: say nothing) hears of repairs and rejections.
    [[nodiscard]] std::optional<std::string> text_of(std::string raw, const std::string& path,
                                                     ArticleSink* sink) const;
    /// Reads the articles of a parsed document; `unexpanded`: the first reference nothing
    /// expands (at `reference_offset`), which rejects it.
    void read_tree(const pugi::xml_document& doc, const std::string& unexpanded,
                   const LineOf& line_of, std::size_t reference_offset, const std::string& path,
                   ArticleSink& sink) const;
    /// The article of `node` (`single`: the file's root, named after the file when it has no
    /// id), or nullopt once it is rejected (said to `sink`). Throws std::bad_alloc when memory
    /// runs out on the way, for read_tree() to reject the article.
    [[nodiscard]] std::optional<Article> article_of(const pugi::xml_node& node, bool single,
                                                    const LineOf& line_of, const std::string& path,
                                                    ArticleSink& sink) const;
    /// Reads each piece of an <articles> file that did not parse as a document of its own.
    void read_pieces(std::string_view text, const XmlSplit& split, const LineIndex& lines,
                     const std::string& path, ArticleSink& sink) const;
};

}  // namespace yalu
