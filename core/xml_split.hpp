#pragma once
// XmlSplit: an <articles> file that does not parse, cut into its articles' byte ranges.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// The pieces of the text of an <articles> file whose markup is broken somewhere: each
/// <article> element (from its start tag to its last </article> before the next one) and the
/// text between them, so each can be parsed on its own and one broken article costs only
/// itself. Found by scanning for start tags outside comments, CDATA and processing
/// instructions, since the parser's tree stops at the first error.
struct XmlSplit {
    /// One byte range of the file: an article, or the text between two (or around them).
    struct Piece {
        std::size_t begin = 0;  ///< first byte
        std::size_t end = 0;    ///< one past the last byte
        bool article = false;   ///< an <article> element rather than text between articles
        bool closed = false;    ///< for an article: whether its </article> was found
    };

    std::size_t root_begin = 0;                  ///< the '<' of the <articles> start tag
    std::size_t root_end = 0;                    ///< one past its '>'
    std::vector<Piece> pieces;                   ///< in file order
    std::size_t close = std::string_view::npos;  ///< where </articles> starts; npos: never

    /// Splits `text`, whose root element's name starts at `root_name` (pugixml's offset); no
    /// pieces and `root_end` 0 when no whole root start tag is found there.
    [[nodiscard]] static XmlSplit of(std::string_view text, std::size_t root_name);
    /// The offset just past the '>' that ends the tag opening at `lt` of `text`, quoted
    /// attribute values skipped; npos when the text ends first.
    [[nodiscard]] static std::size_t past_tag(std::string_view text, std::size_t lt);
    /// A document of its own for `piece`: the root start tag, the piece, "</articles>".
    [[nodiscard]] std::string document(std::string_view text, const Piece& piece) const;
    /// The file offset of byte `offset` of `document(piece)` (an offset in the closing tag
    /// appended is the piece's end; one in the root tag is the root's).
    [[nodiscard]] std::size_t file_offset(const Piece& piece, std::ptrdiff_t offset) const;
};

}  // namespace yalu
