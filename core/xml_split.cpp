#include "xml_split.hpp"

#include "ascii.hpp"

namespace yalu {
namespace {

// The offset just past the first `end` at or after `from`; the size when there is none.
std::size_t past(std::string_view text, std::size_t from, std::string_view end) {
    const std::size_t at = text.find(end, from);
    return at == std::string_view::npos ? text.size() : at + end.size();
}

// Whether the tag at `lt` is named `name` exactly ("<article" but not "<articles").
bool tag_named(std::string_view text, std::size_t lt, std::string_view name) {
    const std::size_t after = lt + name.size();
    if (text.substr(lt, name.size()) != name) return false;
    return after >= text.size() || ascii::is_space(text[after]) || text[after] == '>' ||
           text[after] == '/';
}

}  // namespace

std::size_t XmlSplit::past_tag(std::string_view text, std::size_t lt) {
    for (std::size_t i = lt + 1; i < text.size(); ++i) {
        if (text[i] == '"' || text[i] == '\'') {
            const std::size_t q = text.find(text[i], i + 1);
            if (q == std::string_view::npos) return std::string_view::npos;
            i = q;
        } else if (text[i] == '>') {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

XmlSplit XmlSplit::of(std::string_view text, std::size_t root_name) {
    XmlSplit split;
    const std::size_t lt =
        root_name > text.size() ? std::string_view::npos : text.rfind('<', root_name);
    if (lt == std::string_view::npos) return split;
    const std::size_t root_end = past_tag(text, lt);
    if (root_end == std::string_view::npos || text[root_end - 2] == '/') return split;
    split.root_begin = lt;
    split.root_end = root_end;
    // The start of every <article> and of the last </articles>, outside literal sections.
    std::vector<std::size_t> starts;
    for (std::size_t i = root_end; (i = text.find('<', i)) != std::string_view::npos;) {
        if (text.substr(i, 4) == "<!--") {
            i = past(text, i + 4, "-->");
        } else if (text.substr(i, 9) == "<![CDATA[") {
            i = past(text, i + 9, "]]>");
        } else if (text.substr(i, 2) == "<?") {
            i = past(text, i + 2, "?>");
        } else {
            if (tag_named(text, i, "<article")) starts.push_back(i);
            if (tag_named(text, i, "</articles")) split.close = i;
            ++i;
        }
    }
    // An article after the last </articles> is no child of it: the piece before the close ends
    // there, and what follows is text between (which then fails to parse).
    const std::size_t end = split.close == std::string_view::npos ? text.size() : split.close;
    std::size_t from = root_end;
    for (std::size_t k = 0; k < starts.size() && starts[k] < end; ++k) {
        const std::size_t next = k + 1 < starts.size() && starts[k + 1] < end ? starts[k + 1] : end;
        if (starts[k] > from) split.pieces.push_back({from, starts[k], false, false});
        // Up to its last </article> before the next one: text after that is between articles.
        Piece piece{starts[k], next, true, false};
        for (std::size_t at = text.rfind("</article", next - 1);
             at != std::string_view::npos && at > starts[k]; at = text.rfind("</article", at - 1)) {
            if (!tag_named(text, at, "</article")) continue;
            const std::size_t gt = text.find('>', at);
            if (gt != std::string_view::npos && gt < next) {
                piece.end = gt + 1;
                piece.closed = true;
            }
            break;
        }
        split.pieces.push_back(piece);
        from = piece.end;
    }
    if (end > from) split.pieces.push_back({from, end, false, false});
    return split;
}

std::string XmlSplit::document(std::string_view text, const Piece& piece) const {
    std::string doc(text.substr(root_begin, root_end - root_begin));
    doc += text.substr(piece.begin, piece.end - piece.begin);
    doc += "</articles>";
    return doc;
}

std::size_t XmlSplit::file_offset(const Piece& piece, std::ptrdiff_t offset) const {
    const std::size_t root = root_end - root_begin;
    if (offset < 0) return piece.begin;
    const auto at = static_cast<std::size_t>(offset);
    if (at < root) return root_begin + at;
    if (at - root < piece.end - piece.begin) return piece.begin + (at - root);
    return piece.end;
}

}  // namespace yalu
