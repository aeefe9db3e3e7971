#include "xml_reader.hpp"

#include "ascii.hpp"
#include "line_index.hpp"
#include "utf8.hpp"
#include "watched_sink.hpp"
#include "xml_split.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <new>
#include <optional>
#include <utility>
#include <string_view>

namespace yalu {
namespace {

using LineOf = XmlReader::LineOf;

// Why markup pugixml could not parse (`description`, at `line`) is rejected, and the fix.
std::string broken_reason(std::string_view description, long line) {
    return "broken XML: " + std::string(description) + " at line " + std::to_string(line) +
           "; fix the markup (a '<' in text must be written &lt;, or the text put in CDATA)";
}

// The id in the start tag that opens `piece` ("<article id='b' ...>"), or "" when that tag
// cannot be read either.
std::string start_tag_id(std::string_view piece) {
    const std::size_t end = XmlSplit::past_tag(piece, 0);
    if (end == std::string_view::npos) return {};
    std::string tag(piece.substr(0, end - 1));
    if (!tag.empty() && tag.back() == '/') tag.pop_back();
    tag += "/>";
    pugi::xml_document doc;
    if (!doc.load_buffer_inplace(tag.data(), tag.size(), pugi::parse_default, pugi::encoding_utf8))
        return {};
    return doc.document_element().attribute("id").value();
}

// All text below `node` (PCDATA and CDATA), so inline markup inside <p> keeps its words; a
// <br/> separates the words around it.
void collect_text(const pugi::xml_node& node, std::string& out) {
    for (const pugi::xml_node& child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
            out += child.value();
        else if (child.type() == pugi::node_element && std::string_view(child.name()) == "br")
            out += ' ';
        else if (child.type() == pugi::node_element)
            collect_text(child, out);
    }
}

// How many <article> elements lie anywhere below `node`: articles an unknown wrapper (<batch>)
// holds are never read, and the warning or rejection must say so.
std::size_t count_articles(const pugi::xml_node& node) {
    std::size_t count = 0;
    for (const pugi::xml_node& child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (std::string_view(child.name()) == "article")
            ++count;
        else
            count += count_articles(child);
    }
    return count;
}

// Rejects every <article> below `node`, which lies inside `wrapper`, an element of <articles>
// that Yalu does not know: such articles are never read.
void reject_nested(const pugi::xml_node& node, const pugi::xml_node& wrapper,
                   const std::string& path, const LineOf& line_of, ArticleSink& sink) {
    for (const pugi::xml_node& child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (std::string_view(child.name()) != "article") {
            reject_nested(child, wrapper, path, line_of, sink);
            continue;
        }
        sink.reject({{path, line_of(child.offset_debug())},
                     child.attribute("id").value(),
                     "<article> nested inside <" + std::string(wrapper.name()) + "> (line " +
                         std::to_string(line_of(wrapper.offset_debug())) +
                         "), an element Yalu does not know, was not read: <article> must be a "
                         "direct child of <articles>; move it out (see schemas/article.xsd)"});
    }
}

// Why an <articles> file whose direct children are `unknown` (no <article>) yields nothing,
// and how to fix it.
std::string no_article_reason(const std::vector<pugi::xml_node>& unknown, const LineOf& line_of) {
    const auto where = [&line_of](const pugi::xml_node& node) {
        // Appended, not "<" + name: GCC 12 warns falsely (-Wrestrict) on that temporary.
        std::string text = "<";
        text += node.name();
        text += "> (line " + std::to_string(line_of(node.offset_debug())) + ")";
        return text;
    };
    const std::string not_pruned = "; its articles were not pruned; ";
    const std::string or_remove = ", or remove the file to prune them";
    for (const pugi::xml_node& wrapper : unknown) {
        if (const std::size_t nested = count_articles(wrapper); nested > 0)
            return "no article read: <articles> holds no <article> directly; the file's " +
                   std::to_string(nested) + " <article> element(s) are nested inside " +
                   where(wrapper) +
                   ", an element Yalu does not know, and <article> must be a direct child of "
                   "<articles> (see schemas/article.xsd)" +
                   not_pruned + "move them out of <" + wrapper.name() + ">" + or_remove;
    }
    const std::string write_again = not_pruned + "write the articles again" + or_remove;
    if (!unknown.empty())
        return "empty file: <articles> holds no <article>, only " + std::to_string(unknown.size()) +
               " element(s) Yalu does not know, the first " + where(unknown.front()) +
               " (see schemas/article.xsd)" + write_again;
    return "empty file: <articles> holds no <article> at all (a failed or cut-off export?)" +
           write_again;
}

// The offset just past the first `end` at or after `from`; the size when there is none (an
// unterminated comment or CDATA section, which pugixml then rejects as broken XML).
std::size_t past(std::string_view xml, std::size_t from, std::string_view end) {
    const std::size_t at = xml.find(end, from);
    return at == std::string_view::npos ? xml.size() : at + end.size();
}

// The offset just past the <!DOCTYPE ...> at `at`: its internal subset ([...]) holds entity
// values, quoted, and comments, which may hold '>' and references of their own.
std::size_t past_doctype(std::string_view xml, std::size_t at) {
    int depth = 0;
    for (std::size_t i = at + 2; i < xml.size();) {
        const char c = xml[i];
        if (c == '"' || c == '\'') {
            i = past(xml, i + 1, xml.substr(i, 1));
        } else if (xml.substr(i, 4) == "<!--") {
            i = past(xml, i + 4, "-->");
        } else {
            if (c == '[') ++depth;
            if (c == ']') --depth;
            if (c == '>' && depth <= 0) return i + 1;
            ++i;
        }
    }
    return xml.size();
}

// A byte of an XML name: ASCII letters, digits, '_', ':', '-', '.', and every byte of a UTF-8
// sequence (XML allows most non-ASCII letters).
bool is_name_byte(char c) {
    return static_cast<unsigned char>(c) >= 0x80 || ascii::is_alpha(c) || ascii::is_digit(c) ||
           c == '_' || c == ':' || c == '-' || c == '.';
}

// The first reference (`&name;` or `&#...;`) in text or attribute values that neither pugixml
// (XML's five, numeric references) nor TextNormalizer (common HTML entities) expands, with
// its offset; empty when there is none. pugixml keeps such a reference as literal text, so
// `&kju;` would be indexed as those five characters. Only the source can tell: decoded, the
// text of `&amp;kju;` is `&kju;` too. CDATA sections, comments, processing instructions and
// the DOCTYPE (where entities are declared) are literal and skipped.
std::pair<std::string_view, std::size_t> first_unexpanded_reference(std::string_view xml) {
    std::size_t i = 0;
    while ((i = xml.find_first_of("<&", i)) != std::string_view::npos) {
        if (xml[i] == '<') {
            if (xml.substr(i, 4) == "<!--")
                i = past(xml, i + 4, "-->");
            else if (xml.substr(i, 9) == "<![CDATA[")
                i = past(xml, i + 9, "]]>");
            else if (xml.substr(i, 2) == "<?")
                i = past(xml, i + 2, "?>");
            else if (xml.substr(i, 9) == "<!DOCTYPE")
                i = past_doctype(xml, i);
            else
                ++i;
            continue;
        }
        std::size_t end = i + 1;
        if (end < xml.size() && xml[end] == '#') ++end;
        while (end < xml.size() && is_name_byte(xml[end])) ++end;
        // A bare '&' ("AT&T", "R&D ") starts no reference; pugixml keeps it, as intended.
        if (end == i + 1 || end == xml.size() || xml[end] != ';') {
            i = end;
            continue;
        }
        const std::string_view name = xml.substr(i + 1, end - i - 1);
        const std::optional<char32_t> number = TextNormalizer::numeric_reference(name);
        const bool expanded = name[0] == '#' ? number && TextNormalizer::is_character(*number)
                                             : TextNormalizer::is_named_entity(name);
        if (!expanded) return {xml.substr(i, end - i + 1), i};
        i = end + 1;
    }
    return {};
}

// Parses `text` in place into `doc`, having found the first reference nothing expands into
// `unexpanded` and `offset` (the parse decodes the text in place). Memory that runs out is
// pugixml's status_out_of_memory, or std::bad_alloc from the search. White space between two
// inline elements is text too (parse_ws_pcdata): pugixml drops it by default, which glued
// `<b>Yoon</b> <i>said</i>` into the one word "Yoonsaid".
pugi::xml_parse_result parse_in_place(std::string& text, pugi::xml_document& doc,
                                      std::string& unexpanded, std::size_t& offset) {
    const auto [reference, at] = first_unexpanded_reference(text);
    unexpanded = reference;
    offset = at;
    return doc.load_buffer_inplace(
        text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
}

// Why the file holding `reference` (`&kju;`, `&#12a;`) at `line` is rejected, and the fix.
std::string unexpanded_reference_reason(std::string_view reference, long line) {
    const std::string ref(reference);
    const std::string literal = "&amp;" + ref.substr(1);
    const std::string at = " at line " + std::to_string(line);
    if (ref[1] == '#')
        return "character reference " + ref + at +
               " is malformed or names no character; write &#NNN; (decimal) or &#xHHHH; "
               "(hexadecimal) for a character from U+0001 to U+10FFFF, or " +
               literal + " for the text " + ref;
    return "undefined entity " + ref + at +
           ": XML defines only &amp; &lt; &gt; &quot; &apos; and numeric references such as "
           "&#160;, Yalu adds common HTML entities (&nbsp; &mdash; ..., see docs/OPERATIONS.md) "
           "and does not expand entities declared in a DOCTYPE; write the text itself or a "
           "numeric reference, or " +
           literal + " for the text " + ref;
}

// The first element below `doc` that opens a level deeper than `limit` (the root element is
// level 1), with that level; an empty node when there is none. A loop over pugixml's links, not
// a recursion: it is what keeps the recursive walks above (collect_text, count_articles,
// reject_nested) within the stack. pugixml parses and frees any depth without recursing.
std::pair<pugi::xml_node, std::size_t> first_too_deep(const pugi::xml_document& doc,
                                                      std::size_t limit) {
    pugi::xml_node node = doc;
    std::size_t level = 0;
    for (;;) {
        if (const pugi::xml_node child = node.first_child()) {
            node = child;
            // Text is no level of its own: only an element is counted, and only it has children.
            if (++level > limit && node.type() == pugi::node_element) return {node, level};
            continue;
        }
        while (!node.next_sibling()) {
            if (level == 0) return {};
            node = node.parent();
            --level;
        }
        node = node.next_sibling();
    }
}

// The character set a file's byte-order mark or XML declaration names, lower case; "" for
// UTF-8 (the default).
std::string declared_charset(std::string_view raw) {
    if (const std::string_view utf16 = TextNormalizer::utf16_bom(raw); !utf16.empty())
        return ascii::to_lower(utf16);
    if (raw.rfind("\xEF\xBB\xBF", 0) == 0) raw.remove_prefix(3);
    if (raw.rfind("<?xml", 0) != 0) return {};
    const std::string_view declaration = raw.substr(0, raw.find("?>"));
    const std::size_t key = declaration.find("encoding");
    if (key == std::string_view::npos) return {};
    const std::size_t quote = declaration.find_first_of("\"'", key);
    if (quote == std::string_view::npos) return {};
    const std::size_t close = declaration.find(declaration[quote], quote + 1);
    if (close == std::string_view::npos) return {};
    const std::string name = ascii::to_lower(declaration.substr(quote + 1, close - quote - 1));
    return name == "utf-8" || name == "utf8" ? std::string() : name;
}

// Whether `charset` (lower case) writes "<?xml" in other than single bytes: a declaration that
// names it in single bytes, without a byte-order mark, contradicts itself.
bool is_wide_charset(std::string_view charset) {
    for (const std::string_view wide : {"utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2",
                                        "ucs-4", "ucs4", "iso-10646-ucs", "unicode"})
        if (charset.starts_with(wide)) return true;
    return false;
}

// Why a file declaring `charset` (no byte-order mark) is to be read as UTF-8 after all, or ""
// when the declaration stands. Exporters write a fixed declaration over UTF-8 text: converted
// as declared, every Korean word became mojibake no search finds. Text really in a legacy
// encoding is almost never valid UTF-8 once it holds a non-ASCII byte (EUC-KR's 평양 is B6F2
// BEE7, Latin-1's "é" a lone E9), so bytes that are all valid UTF-8, some of them non-ASCII,
// are UTF-8; and a UTF-16 or UTF-32 declaration written in single bytes is no UTF-16.
std::string mislabelled_utf8(std::string_view raw, std::string_view charset) {
    const std::string declared = "the file declares the encoding '" + std::string(charset) + "'";
    const std::string fix = ": read as UTF-8; write encoding=\"UTF-8\" in its declaration";
    // Whatever its other bytes: read as UTF-8, bytes that are not are repaired or rejected as
    // in any file that declares nothing.
    if (is_wide_charset(charset))
        return declared +
               ", but it has no byte-order mark and its declaration is written in "
               "single bytes, so it is no " +
               std::string(charset) + fix;
    std::size_t sequences = 0;
    for (std::size_t i = 0; i < raw.size();) {
        const std::size_t len = utf8::valid_length(raw, i);
        if (len == 0) return {};
        if (len > 1) ++sequences;
        i += len;
    }
    if (sequences == 0) return {};  // ASCII reads the same in either
    return declared + ", but its bytes are UTF-8 (all " + std::to_string(sequences) +
           " of its non-ASCII characters are valid UTF-8, which text in that encoding almost "
           "never is)" +
           fix;
}

// Whether `attr` of `element` is markup about the document rather than an article's field: a
// namespace declaration (xmlns, xmlns:x) or an attribute of the XML Schema instance namespace
// (xsi:noNamespaceSchemaLocation, under whatever prefix `element` or its ancestors bind). A
// file naming its schema so validates against schemas/article.xsd, and drew two "unknown
// attribute" warnings.
bool is_markup_attribute(const pugi::xml_node& element, std::string_view attr) {
    if (attr == "xmlns" || attr.starts_with("xmlns:")) return true;
    const std::size_t colon = attr.find(':');
    if (colon == std::string_view::npos) return false;
    std::string declaration = "xmlns:";
    declaration += attr.substr(0, colon);
    for (pugi::xml_node node = element; node; node = node.parent()) {
        if (const pugi::xml_attribute bound = node.attribute(declaration.c_str()))
            return std::string_view(bound.value()) == "http://www.w3.org/2001/XMLSchema-instance";
    }
    return false;
}

}  // namespace

XmlReader::XmlReader(ReaderSettings settings) : ArticleReader(settings) {}

const std::vector<std::string>& XmlReader::known_names() {
    static const std::vector<std::string> names = {"articles", "article", "id",  "date",
                                                   "source",   "lang",    "url", "title",
                                                   "byline",   "body",    "p"};
    return names;
}

std::optional<std::string> XmlReader::text_of(std::string raw, const std::string& path,
                                              ArticleSink* sink) const {
    // A declared encoding (ISO-8859-1, EUC-KR) or a UTF-16 byte-order mark: read as UTF-8.
    std::string charset = declared_charset(raw);
    if (!charset.empty() && TextNormalizer::utf16_bom(raw).empty()) {
        if (const std::string reason = mislabelled_utf8(raw, charset); !reason.empty()) {
            if (sink) sink->warn({path, 1}, reason);
            charset.clear();
        }
    }
    if (!charset.empty()) {
        auto converted = TextNormalizer::to_utf8(raw, charset);
        if (!converted) {
            if (sink)
                sink->reject({{path, 1},
                              "",
                              "the file declares the encoding '" + charset +
                                  "', which cannot be read; re-save it as UTF-8"});
            return std::nullopt;
        }
        raw = std::move(*converted);
    }
    // pugixml stops reading at a NUL and then blames the markup ("Start-end tags mismatch").
    if (const long line = TextNormalizer::first_nul_line(raw); line > 0) {
        if (sink)
            sink->reject({{path, line},
                          "",
                          TextNormalizer::nul_byte_reason(raw, line, "an .xml file is text")});
        return std::nullopt;
    }
    // pugixml does not check UTF-8, so bad bytes are repaired first and reported with their line.
    NormalizeReport utf8_report;
    std::string text = normalizer_.repair_utf8(raw, utf8_report);
    raw = std::string();  // one copy of the file at a time
    // Judged for the whole file: an encoding is the file's, not an article's. No id is read
    // from text that garbled, so that night prunes nothing, as for broken XML.
    if (const auto reason =
            TextNormalizer::not_utf8_reason(utf8_report, "the file (which declares no encoding)")) {
        if (sink) sink->reject({{path, utf8_report.first_invalid_utf8_line}, "", *reason});
        return std::nullopt;
    }
    if (utf8_report.invalid_utf8 > 0) {
        if (sink)
            sink->warn(
                {path, utf8_report.first_invalid_utf8_line},
                TextNormalizer::invalid_utf8_warning(
                    utf8_report,
                    "(first on line " + std::to_string(utf8_report.first_invalid_utf8_line) + ")"));
    }
    return text;
}

void XmlReader::read(std::istream& in, const std::string& path, ArticleSink& sink) const {
    // Measured before anything is read: a multi-gigabyte file would be loaded whole (and
    // copied) and get the nightly run killed for its memory, every night.
    const auto start = in.tellg();
    const std::optional<std::size_t> size = bytes_left(in);
    if (size && *size > settings_.xml_file_limit()) {
        constexpr std::size_t mib = std::size_t{1} << 20;
        sink.reject({{path, 0},
                     "",
                     "XML file of " + std::to_string((*size + mib - 1) / mib) +
                         " MiB, larger than the XML file limit (16 times " +
                         settings_.record_limit() +
                         "), was not read: an XML file is read whole, at about five times "
                         "its size in memory; split it into several files, write JSON Lines, "
                         "or raise --max-record-mb"});
        return;
    }
    in.clear();
    // Memory that runs out while the file is read, decoded or parsed (pugixml says so rather
    // than throw) rejects the file whole, as broken XML does: without an id, so that night
    // prunes nothing. read_tree() and read_pieces() reject an article that runs out on its own.
    // What the sink throws on the way (a rejection, a warning) is the run's memory, not the
    // file's: it passes through.
    const auto out_of_memory = [&] {
        sink.reject({{path, 0},
                     "",
                     settings_.out_of_memory(
                         "reading the .xml file", size.value_or(0),
                         "split it into several files, or write JSON Lines, read a line at a time "
                         "(an .xml file is read whole, at about five times its size); its "
                         "articles were not pruned")});
    };
    std::string text;
    std::optional<LineIndex> lines;
    std::string unexpanded;
    std::size_t reference_offset = 0;
    pugi::xml_document doc;
    pugi::xml_parse_result parsed;
    WatchedSink watched(sink);
    try {
        std::optional<std::string> decoded = text_of(
            std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}, path,
            &watched);
        if (!decoded) return;
        text = std::move(*decoded);
        lines.emplace(text);
        parsed = parse_in_place(text, doc, unexpanded, reference_offset);
    } catch (const std::bad_alloc&) {
        if (watched.threw()) throw;
        parsed.status = pugi::status_out_of_memory;
    }
    if (parsed.status == pugi::status_out_of_memory) {
        out_of_memory();
        return;
    }
    // A collection is read again article by article, each piece parsed on its own: one
    // unclosed tag, or one reference nothing expands, in one article cost the whole file (and
    // the night's pruning). The parse decoded the text in place, so the file is read again; a
    // stream that cannot be (no file) is rejected whole. False when it was not read so.
    const auto read_by_article = [&](const pugi::xml_node& root) {
        if (!root || std::string_view(root.name()) != "articles" || start < 0) return false;
        const auto root_name = static_cast<std::size_t>(root.offset_debug());
        doc.reset();
        text = std::string();
        in.clear();
        std::optional<std::string> again;
        XmlSplit split;
        try {
            if (in.seekg(start)) {
                again = text_of(std::string{std::istreambuf_iterator<char>(in),
                                            std::istreambuf_iterator<char>()},
                                path, nullptr);
            }
            if (again) split = XmlSplit::of(*again, root_name);
        } catch (const std::bad_alloc&) {
            out_of_memory();
            return true;
        }
        if (split.pieces.empty()) return false;
        read_pieces(*again, split, *lines, path, sink);
        return true;
    };
    if (!parsed) {
        // A file that holds no element, or ends before its root element closes, is a failed or
        // cut-off export (a full disk), no markup mistake: pugixml's "No document element
        // found" and "Start-end tags mismatch" sent the reader looking for a stray '<'.
        const std::string not_pruned =
            "; its articles were not pruned; write the file again, or remove it to prune them";
        if (parsed.status == pugi::status_no_document_element) {
            sink.reject(
                {{path, 1},
                 "",
                 "empty file: no XML element at all (a failed or cut-off export?)" + not_pruned});
            return;
        }
        const long line = lines->line_of(parsed.offset);
        const pugi::xml_node root = doc.document_element();
        // pugixml names the last byte when the text ends inside markup (it parses in place,
        // holding the last byte back).
        const bool cut_off = root && parsed.offset >= 0 &&
                             static_cast<std::size_t>(parsed.offset) + 1 >= text.size();
        if (cut_off) {
            std::string reason =
                "broken XML: the file ends at line " + std::to_string(line) + " before <";
            reason += root.name();
            reason += "> (line " + std::to_string(lines->line_of(root.offset_debug())) +
                      ") is closed: cut off (a failed export, a full disk?)" + not_pruned;
            sink.reject({{path, line}, "", reason});
            return;
        }
        if (read_by_article(root)) return;
        sink.reject({{path, line}, "", broken_reason(parsed.description(), line)});
        return;
    }
    if (const pugi::xml_node root = doc.document_element();
        !unexpanded.empty() && root && std::string_view(root.name()) == "articles" && start >= 0) {
        // The tree is freed to read the file again: when it cannot be split after all, the
        // reference rejects the file as it did before.
        const long line = lines->line_of(static_cast<std::ptrdiff_t>(reference_offset));
        if (!read_by_article(root))
            sink.reject({{path, line}, "", unexpanded_reference_reason(unexpanded, line)});
        return;
    }
    read_tree(
        doc, unexpanded, [&lines](std::ptrdiff_t offset) { return lines->line_of(offset); },
        reference_offset, path, sink);
}

void XmlReader::read_pieces(std::string_view text, const XmlSplit& split, const LineIndex& lines,
                            const std::string& path, ArticleSink& sink) const {
    const auto file_line = [&lines](std::size_t offset) {
        return lines.line_of(static_cast<std::ptrdiff_t>(offset));
    };
    const std::string fix =
        "; fix the markup (an unclosed or misspelt tag? a '<' in text must be written &lt;, or "
        "the text put in CDATA)";
    // Every piece is parsed under a copy of the root's start tag: a reference nothing expands
    // in it would reject each article, so it rejects the file once, as before.
    const std::string_view root_tag =
        text.substr(split.root_begin, split.root_end - split.root_begin);
    if (const auto [reference, at] = first_unexpanded_reference(root_tag); !reference.empty()) {
        const long line = file_line(split.root_begin + at);
        sink.reject({{path, line}, "", unexpanded_reference_reason(reference, line)});
        return;
    }
    for (std::size_t k = 0; k < split.pieces.size(); ++k) {
        const XmlSplit::Piece& piece = split.pieces[k];
        const std::string_view piece_text = text.substr(piece.begin, piece.end - piece.begin);
        const std::size_t first = piece_text.find_first_not_of(" \t\r\n");
        if (first == std::string_view::npos) continue;
        // The article's id as its start tag gives it, "" when that cannot be read either.
        const auto piece_id = [&] {
            std::string id = start_tag_id(piece_text);
            if (id.empty()) return id;
            NormalizeReport report;
            return normalizer_.normalize_inline(id, report);
        };
        std::string document;
        std::string unexpanded;
        std::size_t reference_offset = 0;
        pugi::xml_document doc;
        pugi::xml_parse_result parsed;
        try {
            document = split.document(text, piece);
            parsed = parse_in_place(document, doc, unexpanded, reference_offset);
        } catch (const std::bad_alloc&) {
            parsed.status = pugi::status_out_of_memory;
        }
        if (parsed.status == pugi::status_out_of_memory) {
            // Only this piece is lost, under its article's id where it has one.
            sink.reject(
                {{path, file_line(piece.begin + first)},
                 piece.article ? piece_id() : std::string(),
                 settings_.out_of_memory(
                     piece.article ? "reading the article" : "reading the text between articles",
                     piece.end - piece.begin)});
            continue;
        }
        const LineOf line_of = [&](std::ptrdiff_t offset) {
            return file_line(split.file_offset(piece, offset));
        };
        if (parsed && piece.article && !unexpanded.empty()) {
            // The article holds what it was read for: it alone is rejected, under its id.
            const long line = line_of(static_cast<std::ptrdiff_t>(reference_offset));
            sink.reject({{path, line},
                         piece_id(),
                         unexpanded_reference_reason(unexpanded, line) +
                             "; the file's other articles were read"});
            continue;
        }
        if (parsed && piece.article) {
            read_tree(doc, unexpanded, line_of, reference_offset, path, sink);
            continue;
        }
        if (parsed) {
            // What a whole file's parse would have said of elements between the articles.
            for (const pugi::xml_node& child : doc.document_element().children()) {
                if (child.type() != pugi::node_element) continue;
                sink.warn({path, line_of(child.offset_debug())},
                          "unknown element <" + std::string(child.name()) +
                              "> in <articles> ignored; see schemas/article.xsd");
                reject_nested(child, child, path, line_of, sink);
            }
            continue;
        }
        const long line = line_of(parsed.offset);
        if (!piece.article) {
            // No article's: it could hide any, so the rejection has no id and nothing is pruned.
            const long at = file_line(piece.begin + first);
            sink.reject({{path, at},
                         "",
                         "broken XML between articles at line " + std::to_string(at) + ": " +
                             parsed.description() + " at line " + std::to_string(line) +
                             "; the articles around it were read, but nothing is pruned while "
                             "it may hide others" +
                             fix});
            continue;
        }
        const long article_line = file_line(piece.begin);
        const std::string id = piece_id();
        const std::string which =
            id.empty() ? "in an article whose id cannot be read (line " +
                             std::to_string(article_line) + ")"
                       : "in article '" + id + "' (line " + std::to_string(article_line) + ")";
        // Ended by the closing tag added after the piece: an element of it is never closed.
        const bool unclosed =
            split.file_offset(piece, parsed.offset) >= piece.end && parsed.offset >= 0;
        std::string what;
        if (unclosed) {
            const bool next_article = k + 1 < split.pieces.size() && split.pieces[k + 1].article &&
                                      split.pieces[k + 1].begin == piece.end;
            const std::string before =
                next_article
                    ? "the next <article> (line " + std::to_string(file_line(piece.end)) + ")"
                : split.close != std::string_view::npos
                    ? "</articles> (line " + std::to_string(file_line(split.close)) + ")"
                    : "the end of the file";
            what = piece.closed ? "an element in it is not closed before its </article>"
                                : "<article> (line " + std::to_string(article_line) +
                                      ") is not closed before " + before;
        } else {
            what = std::string(parsed.description()) + " at line " + std::to_string(line);
        }
        sink.reject(
            {{path, unclosed ? article_line : line},
             id,
             "broken XML " + which + ": " + what + "; the file's other articles were read" + fix});
    }
    // Cut off (a failed export, a full disk): the file may have held more articles.
    if (split.close == std::string_view::npos) {
        const long last = file_line(text.empty() ? 0 : text.size() - 1);
        sink.reject({{path, last},
                     "",
                     "broken XML: the file ends at line " + std::to_string(last) +
                         " before <articles> (line " + std::to_string(file_line(split.root_begin)) +
                         ") is closed: cut off (a failed export, a full disk?); the articles "
                         "before were read, but nothing is pruned: write the file again, or "
                         "remove it to prune its articles"});
    }
}

void XmlReader::read_tree(const pugi::xml_document& doc, const std::string& unexpanded,
                          const LineOf& line_of, std::size_t reference_offset,
                          const std::string& path, ArticleSink& sink) const {
    // Checked before any walk of the tree: 200,000 nested <b> overflowed the stack of the
    // recursive text walk and killed the run (segfault) with no file named. Rejected like
    // broken XML: without an id, so that night prunes nothing.
    if (const auto [deep, level] = first_too_deep(doc, max_depth); deep) {
        const long line = line_of(deep.offset_debug());
        sink.reject({{path, line},
                     "",
                     "elements nested deeper than " + std::to_string(max_depth) + " levels: <" +
                         deep.name() + "> at line " + std::to_string(line) + " opens level " +
                         std::to_string(level) +
                         "; an article's markup nests a few levels (does the exporter leave "
                         "inline tags open?): close or remove the extra elements"});
        return;
    }
    // Not well-formed XML: like broken XML, the file (a single article; an <articles> file
    // whose root tag holds it) is rejected without an id, and that night prunes nothing.
    if (!unexpanded.empty()) {
        const long line = line_of(static_cast<std::ptrdiff_t>(reference_offset));
        sink.reject({{path, line}, "", unexpanded_reference_reason(unexpanded, line)});
        return;
    }

    const pugi::xml_node root = doc.document_element();
    // pugixml reads a second root element ("cat a.xml b.xml > all.xml") without complaint and
    // document_element() is only the first: the articles after it would vanish unsaid.
    for (pugi::xml_node extra = root.next_sibling(); extra; extra = extra.next_sibling()) {
        if (extra.type() != pugi::node_element) continue;
        const long line = line_of(extra.offset_debug());
        sink.reject({{path, line},
                     "",
                     "broken XML: a second root element <" + std::string(extra.name()) +
                         "> at line " + std::to_string(line) + " after <" + root.name() +
                         ">; a file holds one <article> or one <articles> (were two files "
                         "joined? put the articles in one <articles>)"});
        return;
    }
    const std::string root_name = root.name();
    std::vector<pugi::xml_node> records;
    if (root_name == "article") {
        records.push_back(root);
    } else if (root_name == "articles") {
        std::vector<pugi::xml_node> unknown;
        for (const pugi::xml_node& child : root.children()) {
            if (child.type() != pugi::node_element) continue;
            if (std::string_view(child.name()) == "article")
                records.push_back(child);
            else
                unknown.push_back(child);
        }
        // A file that yields no article must not read as "its articles left the sources":
        // rejected without an id, it keeps --prune from deleting them (as an empty .jsonl).
        if (records.empty()) {
            sink.reject(
                {{path, line_of(root.offset_debug())}, "", no_article_reason(unknown, line_of)});
            return;
        }
        for (const pugi::xml_node& child : unknown) {
            sink.warn({path, line_of(child.offset_debug())},
                      "unknown element <" + std::string(child.name()) +
                          "> in <articles> ignored; see schemas/article.xsd");
            // Each article it holds is rejected under its id, so a night with --prune keeps
            // what an earlier export had indexed of it and the run exits 65.
            reject_nested(child, child, path, line_of, sink);
        }
    } else {
        sink.reject({{path, line_of(root.offset_debug())},
                     "",
                     "root element <" + root_name +
                         "> is neither <article> nor <articles>; see schemas/article.xsd"});
        return;
    }

    const bool single = root_name == "article";
    for (const pugi::xml_node& node : records) {
        // Out of memory while this article is made: only it is lost, under its id.
        deliver_record(
            sink,
            [&](ArticleSink& watched) { return article_of(node, single, line_of, path, watched); },
            [&]() -> Rejection {
                NormalizeReport ignored;
                std::string id =
                    normalizer_.normalize_inline(node.attribute("id").value(), ignored);
                if (id.empty() && single) id = std::filesystem::path(path).stem().string();
                return {{path, line_of(node.offset_debug())},
                        id,
                        settings_.out_of_memory("reading the article", 0)};
            });
    }
}

std::optional<Article> XmlReader::article_of(const pugi::xml_node& node, bool single,
                                             const LineOf& line_of, const std::string& path,
                                             ArticleSink& sink) const {
    Article article;
    article.location = {path, line_of(node.offset_debug())};
    NormalizeReport report;
    std::string raw_date;
    for (const pugi::xml_attribute& attr : node.attributes()) {
        const std::string_view name = attr.name();
        if (name == "id")
            article.id = normalizer_.normalize_inline(attr.value(), report);
        else if (name == "date")
            raw_date = attr.value();
        else if (name == "source")
            article.source = normalizer_.normalize_inline(attr.value(), report);
        else if (name == "lang")
            article.lang = normalizer_.normalize_inline(attr.value(), report);
        else if (name == "url")
            article.url = normalizer_.normalize_inline(attr.value(), report);
        else if (!is_markup_attribute(node, name))
            sink.warn(article.location, "unknown attribute '" + std::string(name) +
                                            "' on <article> ignored; see schemas/article.xsd");
    }
    if (article.id.empty()) {
        if (!single) {
            sink.reject({article.location, "",
                         "article without id in an <articles> file; add id=\"...\" (unique "
                         "across all sources)"});
            return std::nullopt;
        }
        // A one-article file is named after its article, like a .txt file.
        article.id = std::filesystem::path(path).stem().string();
    }
    // The schema allows one of each: a second one is an exporter that merged two articles,
    // and a JSON Lines record's repeated key is warned about too.
    std::vector<std::string_view> seen;
    const auto repeated = [&](const pugi::xml_node& child, std::string_view name,
                              std::string_view outcome) {
        if (std::find(seen.begin(), seen.end(), name) == seen.end()) {
            seen.push_back(name);
            return;
        }
        // Appended, not "<" + name: GCC 12 warns falsely (-Wrestrict) on that temporary.
        std::string message = "<";
        message += name;
        message += "> appears more than once in article '" + article.id + "'; ";
        message += outcome;
        message += "; see schemas/article.xsd, and fix the exporter that wrote it";
        sink.warn({path, line_of(child.offset_debug())}, message);
    };
    for (const pugi::xml_node& child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            const std::string_view v = child.value();
            if (v.find_first_not_of(" \t\r\n") != std::string_view::npos) {
                sink.warn(article.location,
                          "text directly inside <article> ignored; put it in <body>");
            }
            continue;
        }
        if (child.type() != pugi::node_element) continue;
        const std::string_view name = child.name();
        std::string content;
        collect_text(child, content);
        if (name == "title") {
            repeated(child, name, "the last was read");
            article.title = normalizer_.normalize_inline(content, report);
        } else if (name == "byline") {
            repeated(child, name, "the last was read");
            article.byline = normalizer_.normalize_inline(content, report);
        } else if (name == "body") {
            repeated(child, name, "all were read, one after the other");
            // <p> elements are paragraphs; loose text in <body> (often CDATA) is split at line
            // breaks.
            for (const pugi::xml_node& part : child.children()) {
                if (part.type() == pugi::node_element && std::string_view(part.name()) == "p") {
                    std::string p;
                    collect_text(part, p);
                    std::string para = normalizer_.normalize_inline(p, report);
                    if (!para.empty()) article.paragraphs.push_back(std::move(para));
                } else if (part.type() == pugi::node_pcdata || part.type() == pugi::node_cdata) {
                    for (auto& para : normalizer_.paragraphs(part.value(), report))
                        article.paragraphs.push_back(std::move(para));
                } else if (part.type() == pugi::node_element) {
                    sink.warn({path, line_of(part.offset_debug())},
                              "unknown element <" + std::string(part.name()) +
                                  "> in <body> ignored; use <p>");
                }
            }
        } else {
            sink.warn({path, line_of(child.offset_debug())},
                      "unknown element <" + std::string(name) +
                          "> in <article> ignored; see schemas/article.xsd");
        }
    }
    // The same limit as a JSON Lines line or a .txt file: one giant article would make
    // every search that shows it slow and large. Every stored field counts, as every key
    // of a JSON Lines line does: a 20 MiB source attribute passed when only the text did.
    std::size_t bytes = article.id.size() + raw_date.size() + article.source.size() +
                        article.lang.size() + article.url.size() + article.title.size() +
                        article.byline.size();
    for (const auto& p : article.paragraphs) bytes += p.size() + 1;
    if (bytes > settings_.max_record_bytes) {
        sink.reject({article.location, article.id,
                     "article of " + std::to_string(bytes) +
                         " bytes (its text, byline and attributes), larger than " +
                         settings_.record_limit() + "; split it or raise --max-record-mb"});
        return std::nullopt;
    }
    if (report.control_chars > 0) {
        sink.warn(article.location,
                  TextNormalizer::control_chars_warning(report, "in article '" + article.id + "'",
                                                        "fix the exporter that wrote them"));
    }
    if (!completer_.complete(article, raw_date, sink)) return std::nullopt;
    return article;
}

}  // namespace yalu
