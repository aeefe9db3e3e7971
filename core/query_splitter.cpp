#include "query_splitter.hpp"

#include "errors.hpp"

#include <algorithm>
#include <array>

namespace yalu {
namespace {

constexpr std::string_view open_curly = "\u201C";
constexpr std::string_view close_curly = "\u201D";

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

std::size_t QuerySplitter::quote_at(std::string_view text, std::size_t at) {
    if (text[at] == '"') return 1;
    for (const std::string_view q : {open_curly, close_curly})
        if (text.substr(at).starts_with(q)) return q.size();
    return 0;
}

std::size_t QuerySplitter::closing_quote(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size(); ++i)
        if (quote_at(text, i) > 0) return i;
    return text.size();
}

std::size_t QuerySplitter::past_quote(std::string_view text, std::size_t close) {
    return close < text.size() ? close + quote_at(text, close) : close;
}

UsageError QuerySplitter::missing_value(std::string_view clause) {
    // Appended rather than "'" + string: GCC 12 warns (-Wrestrict) on that concatenation.
    std::string message(1, '\'');
    message.append(clause).append(
        "' needs its value right after the colon (date:2022, lang:ko, person:\"Kim Jong Un\")");
    return UsageError(message);
}

bool QuerySplitter::is_operator(std::string_view word) {
    constexpr std::array<std::string_view, 6> ops{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    return std::find(ops.begin(), ops.end(), word) != ops.end();
}

QuerySplitter::QuerySplitter(std::vector<std::string> filter_fields)
    : filter_fields_(std::move(filter_fields)) {}

std::optional<QueryParts> QuerySplitter::split(std::string_view text) const {
    QueryParts parts;
    const auto add_word = [&](std::string_view w) {
        if (!parts.words.empty()) parts.words += ' ';
        parts.words += w;
    };
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        if (const std::size_t q = quote_at(text, i)) {
            const std::size_t end = closing_quote(text, i + q);
            const std::string_view phrase = text.substr(i + q, end - i - q);
            if (phrase.find_first_not_of(" \t\r\n") != std::string_view::npos) {
                std::string quoted(1, '"');  // (not "\"" + ...: GCC 12 warns falsely)
                quoted.append(phrase).push_back('"');
                add_word(quoted);
            }
            i = past_quote(text, end);
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end]) && quote_at(text, end) == 0) ++end;
        const std::string_view chunk = text.substr(i, end - i);
        if (const auto colon = chunk.find(':'); colon != std::string_view::npos) {
            const std::string_view field = chunk.substr(0, colon);
            if (std::find(filter_fields_.begin(), filter_fields_.end(), field) ==
                filter_fields_.end())
                return std::nullopt;
            // person:"Kim Jong Un": the quoted value belongs to the clause.
            if (colon + 1 == chunk.size() && end < text.size() && quote_at(text, end) > 0) {
                const std::size_t q = quote_at(text, end);
                const std::size_t close = closing_quote(text, end + q);
                const std::string_view value = text.substr(end + q, close - end - q);
                if (value.find_first_not_of(" \t\r\n") == std::string_view::npos)
                    throw missing_value(chunk);
                const std::size_t stop = past_quote(text, close);
                parts.filters.emplace_back(text.substr(i, stop - i));
                i = stop;
                continue;
            }
            // "lang: missile" or a bare "date:": QueryParser would search the word "lang";
            // the user meant a filter and gave no value.
            if (colon + 1 == chunk.size()) throw missing_value(chunk);
            parts.filters.emplace_back(chunk);
            i = end;
            continue;
        }
        if (is_operator(chunk) || chunk.front() == '+' || chunk.front() == '-' ||
            chunk.find_first_of("()*~") != std::string_view::npos)
            return std::nullopt;
        add_word(chunk);
        i = end;
    }
    return parts;
}

QueryParts QuerySplitter::lift_filters(std::string_view text) const {
    // The query as chunks: quoted phrases, brackets, and runs of other characters; a filter
    // clause with a quoted value (person:"Kim Jong Un") is one chunk.
    struct Chunk {
        std::size_t begin = 0;
        std::size_t end = 0;
        bool top_filter = false;  // a filter clause outside brackets
        bool op = false;          // AND, OR, NOT ...
    };
    std::vector<Chunk> chunks;
    int depth = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        if (const std::size_t q = quote_at(text, i)) {
            const std::size_t stop = past_quote(text, closing_quote(text, i + q));
            chunks.push_back({i, stop});
            i = stop;
            continue;
        }
        if (text[i] == '(' || text[i] == ')') {
            depth = text[i] == '(' ? depth + 1 : std::max(0, depth - 1);
            chunks.push_back({i, i + 1});
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end]) && quote_at(text, end) == 0 &&
               text[end] != '(' && text[end] != ')')
            ++end;
        const std::string_view chunk = text.substr(i, end - i);
        const auto colon = chunk.find(':');
        const bool filter = colon != std::string_view::npos &&
                            std::find(filter_fields_.begin(), filter_fields_.end(),
                                      chunk.substr(0, colon)) != filter_fields_.end();
        if (filter && colon + 1 == chunk.size() && end < text.size() && quote_at(text, end) > 0) {
            end = past_quote(text, closing_quote(text, end + quote_at(text, end)));
        }
        chunks.push_back({i, end, filter && depth == 0, is_operator(chunk)});
        i = end;
    }
    QueryParts parts;
    std::size_t copied = 0;
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        const Chunk& c = chunks[k];
        // An operand of an operator (date:2012 OR date:2013, NOT lang:ko) keeps its place.
        if (!c.top_filter || (k > 0 && chunks[k - 1].op) ||
            (k + 1 < chunks.size() && chunks[k + 1].op))
            continue;
        parts.words.append(text.substr(copied, c.begin - copied));
        // A clause glued to what follows ("a"date:2012"b") leaves a space between them.
        if (!parts.words.empty() && !is_space(parts.words.back()) && c.end < text.size() &&
            !is_space(text[c.end]))
            parts.words.push_back(' ');
        parts.filters.emplace_back(text.substr(c.begin, c.end - c.begin));
        copied = c.end;
    }
    parts.words.append(text.substr(copied));
    return parts;
}

}  // namespace yalu
