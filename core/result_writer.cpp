#include "result_writer.hpp"

#include "utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>

namespace yalu {
namespace {

// Keys in the order docs/SEARCH.md shows them (query, total, offset, results; rank, id ...).
using Json = nlohmann::ordered_json;
constexpr auto kReplace = Json::error_handler_t::replace;

Json entities_json(const std::vector<HitEntity>& entities) {
    auto arr = Json::array();
    for (const auto& e : entities)
        arr.push_back({{"id", e.id}, {"type", e.type}, {"name", e.name}});
    return arr;
}

Json facets_json(const Facets& facets) {
    Json j = Json::object();
    for (const auto& [type, list] : facets.by_type) {
        auto arr = Json::array();
        for (const auto& f : list)
            arr.push_back({{"id", f.id}, {"name", f.name}, {"count", f.count}});
        j[type] = std::move(arr);
    }
    return j;
}

// "Kim Jong-un 12, Moon Jae-in 3" for one type, at most `limit` entries; a name other
// entities share also gives the id that --entity takes ("Ri Yong-ho [ri-yong-ho-kpa] 150").
std::string facet_line(const std::vector<FacetCount>& list, std::size_t limit) {
    std::string line;
    for (std::size_t i = 0; i < list.size() && i < limit; ++i) {
        const FacetCount& f = list[i];
        line += (i ? ", " : "") + ResultWriter::printable(f.name) +
                (f.shared_name ? " [" + ResultWriter::printable(f.id) + "]" : "") + " " +
                std::to_string(f.count);
    }
    return line;
}

void write_facets_text(std::ostream& out, const Facets& facets) {
    for (const auto& [type, list] : facets.by_type) {
        out << "  " << std::left << std::setw(8) << (type + ":") << std::right
            << (list.empty() ? "-" : facet_line(list, list.size())) << "\n";
    }
}

void write_histogram_text(std::ostream& out, const SearchResult& result) {
    const auto& periods = *result.histogram;
    unsigned long most = 1;
    std::size_t width = 0;
    for (const auto& p : periods) {
        most = std::max(most, p.count);
        width = std::max(width, p.period.size());
    }
    const int digits = static_cast<int>(std::to_string(most).size());
    for (const auto& p : periods) {
        // Bars scale to 50 columns; any non-zero count shows at least one mark.
        const auto len = p.count == 0 ? 0 : std::max<unsigned long>(1, p.count * 50 / most);
        out << std::left << std::setw(static_cast<int>(width)) << p.period << std::right << " "
            << std::setw(digits) << p.count << " " << std::string(len, '#');
        // A period whose matches name no entity gets no line of spaces under its bar.
        const bool named = std::any_of(p.facets.by_type.begin(), p.facets.by_type.end(),
                                       [](const auto& type) { return !type.second.empty(); });
        if (named && p.count > 0) {
            out << "\n" << std::string(width + static_cast<std::size_t>(digits) + 2, ' ');
            std::string sep;
            for (const auto& [type, list] : p.facets.by_type)
                if (!list.empty()) {
                    out << sep << type << ": " << facet_line(list, 3);
                    sep = " | ";
                }
        }
        out << "\n";
    }
    if (result.undated > 0)
        out << "(" << result.undated
            << (result.undated == 1 ? " matching article has no date)\n"
                                    : " matching articles have no date)\n");
}

// "1 match", "2 matches": the count with its noun.
std::string matches(unsigned long count) {
    return std::to_string(count) + (count == 1 ? " match" : " matches");
}

bool is_bidi_control(std::string_view c) {
    const auto b1 = static_cast<unsigned char>(c[1]);
    const auto b2 = static_cast<unsigned char>(c[2]);
    return (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
}

}  // namespace

std::string ResultWriter::printable(std::string_view text, bool keep_newlines) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n' && keep_newlines) {
            out += '\n';
        } else if (c == '\n' || c == '\t' || c == '\r') {
            out += ' ';
        } else if (c < 0x20 || c == 0x7F) {
            out += '?';
        } else if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (const std::size_t len = utf8::valid_length(text, i); len == 0) {
            // No UTF-8 (a query holds what argv or a --queries file held): a lone 0x9B is CSI
            // to a terminal reading 8-bit controls. Shown as the JSON output shows it.
            out += "\xEF\xBF\xBD";  // U+FFFD
        } else if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
            out += '?';  // U+0080-U+009F, the C1 controls (CSI is U+009B)
            ++i;
        } else if (c == 0xE2 && is_bidi_control(text.substr(i, 3))) {
            // An embedding, override or isolate (U+202A-U+202E, U+2066-U+2069) reorders what the
            // terminal shows after it, so a title could display other text than it holds.
            out += '?';
            i += 2;
        } else {
            out.append(text.substr(i, len));
            i += len - 1;
        }
    }
    return out;
}

std::string ResultWriter::snippet_to_text(const std::string& snippet, const TextStyle& style) {
    static constexpr std::pair<std::string_view, std::string_view> kEscapes[] = {
        {"&lt;", "<"},  {"&gt;", ">"},   {"&quot;", "\""},
        {"&#39;", "'"}, {"&apos;", "'"}, {"&amp;", "&"}};
    const std::string_view on = style.color ? "\x1b[1m" : "*";
    const std::string_view off = style.color ? "\x1b[0m" : "*";
    // Paragraph breaks inside a snippet would break the indented layout, and control
    // characters would reach the terminal: both go before the marks are added.
    const std::string text = printable(snippet);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::string_view rest(text.data() + i, text.size() - i);
        if (rest.substr(0, 3) == "<b>") {
            out += on;
            i += 3;
            continue;
        }
        if (rest.substr(0, 4) == "</b>") {
            out += off;
            i += 4;
            continue;
        }
        bool replaced = false;
        if (rest[0] == '&') {
            for (const auto& [from, to] : kEscapes)
                if (rest.substr(0, from.size()) == from) {
                    out += to;
                    i += from.size();
                    replaced = true;
                    break;
                }
        }
        if (!replaced) out += text[i];
        if (!replaced) ++i;
    }
    return out;
}

void ResultWriter::write_text(std::ostream& out, const SearchResult& result,
                              const TextStyle& style) {
    // Say first what was searched instead of a word no article holds, as the results are for it.
    for (const auto& [typed, searched] : result.respelled)
        out << "Searched " << printable(searched) << " for " << printable(typed)
            << " (no article writes " << printable(typed) << ").\n";
    if (!result.respelled.empty()) out << "\n";
    for (const auto& hit : result.hits) {
        out << std::setw(3) << hit.rank << ". " << (hit.date.empty() ? "----------" : hit.date)
            << "  " << printable(hit.title);
        if (!hit.source.empty()) out << "  [" << printable(hit.source) << "]";
        out << "\n     id: " << printable(hit.id) << "  score: " << std::fixed
            << std::setprecision(2) << hit.score << "\n";
        if (!hit.snippet.empty()) out << "     " << snippet_to_text(hit.snippet, style) << "\n";
        out << "\n";
    }
    // With no match there is nothing to count: "No matches." alone, no empty chart or list.
    if (result.histogram && result.total > 0) {
        out << "Matches per period:\n";
        write_histogram_text(out, result);
        out << "\n";
    }
    if (result.facets && result.total > 0) {
        out << "Top entities of all " << matches(result.total) << ":\n";
        write_facets_text(out, *result.facets);
        out << "\n";
    }
    if (result.count_only && result.total > 0) {
        out << matches(result.total) << " (--limit 0: none shown).\n";
    } else if (result.hits.empty() && result.offset > 0 && result.total > 0) {
        // Paging past the end is not "nothing found": say where the results end.
        out << "No results on this page: " << (result.exact ? "" : "about ")
            << matches(result.total);
        if (result.folded && *result.folded > 0)
            out << ", " << *result.folded << " of them other versions left out by --collapse,"
                << " and --offset " << result.offset << " skips the rest.\n";
        else
            out << ", and --offset " << result.offset
                << (result.total == 1 ? " skips it.\n" : " skips them all.\n");
    } else if (result.hits.empty()) {
        out << "No matches.\n";
    } else {
        // One result is "Showing 3 of 3 matches.", not a range "3-3".
        const std::size_t first = result.offset + 1;
        const std::size_t last = result.offset + result.hits.size();
        out << "Showing " << first;
        if (last > first) out << "-" << last;
        out << (result.exact ? " of " : " of about ") << matches(result.total) << ".\n";
    }
    if (result.folded && *result.folded > 0 && !result.hits.empty()) {
        out << *result.folded << (*result.folded == 1 ? " other version" : " other versions")
            << " of these stories left out (--collapse).\n";
    }
}

void ResultWriter::write_json_error(std::ostream& out, const std::string& query,
                                    const std::string& message) {
    const Json j = {{"query", query}, {"error", message}};
    out << j.dump(-1, ' ', false, kReplace) << "\n";
}

void ResultWriter::write_json_failure(std::ostream& out, const std::string& message,
                                      int exit_code) {
    const Json j = {{"error", message}, {"exit", exit_code}};
    out << j.dump(-1, ' ', false, kReplace) << "\n";
}

void ResultWriter::write_json(std::ostream& out, const SearchResult& result) {
    Json j;
    j["query"] = result.query;
    j["total"] = result.total;
    // The text output says "about"; a script paging until the total needs to know it too.
    j["exact"] = result.exact;
    j["offset"] = result.offset;
    if (result.folded) j["folded"] = *result.folded;
    if (!result.respelled.empty()) {
        auto& respelled = j["respelled"] = Json::array();
        for (const auto& [typed, searched] : result.respelled)
            respelled.push_back({{"typed", typed}, {"searched", searched}});
    }
    auto& results = j["results"] = Json::array();
    for (const auto& hit : result.hits) {
        results.push_back({{"rank", hit.rank},
                           {"id", hit.id},
                           {"score", hit.score},
                           {"date", hit.date},
                           {"title", hit.title},
                           {"source", hit.source},
                           {"url", hit.url},
                           {"byline", hit.byline},
                           {"snippet", hit.snippet},
                           {"entities", entities_json(hit.entities)}});
    }
    if (result.facets) j["facets"] = facets_json(*result.facets);
    if (result.histogram) {
        auto& h = j["histogram"] = Json::array();
        for (const auto& p : *result.histogram) {
            Json period = {{"period", p.period}, {"count", p.count}};
            if (result.facets) period["facets"] = facets_json(p.facets);
            h.push_back(std::move(period));
        }
        j["undated"] = result.undated;
    }
    out << j.dump(-1, ' ', false, kReplace) << "\n";
}

void ResultWriter::write_article_text(std::ostream& out, const StoredArticle& a) {
    out << printable(a.title) << "\n";
    out << "id: " << printable(a.id) << "\ndate: " << (a.date.empty() ? "(none)" : a.date)
        << (a.date_origin.empty() || a.date_origin == "metadata"
                ? ""
                : " (from the " + a.date_origin + ")")
        << "\n";
    if (!a.source.empty()) out << "source: " << printable(a.source) << "\n";
    if (!a.byline.empty())
        out << "byline: " << printable(a.byline)
            << (a.email.empty() ? "" : " <" + printable(a.email) + ">") << "\n";
    if (!a.url.empty()) out << "url: " << printable(a.url) << "\n";
    if (!a.lang.empty()) out << "lang: " << a.lang << "\n";
    if (!a.entities.empty()) {
        out << "entities:";
        for (const auto& e : a.entities) out << " " << e;
        out << "\n";
    }
    out << "\n" << printable(a.body, true) << "\n";
}

void ResultWriter::write_article_json(std::ostream& out, const StoredArticle& a) {
    out << a.to_json() << "\n";
}

}  // namespace yalu
