#include "query_splitter.hpp"

#include "ascii.hpp"
#include "edit_distance.hpp"
#include "errors.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace yalu {
namespace {

// A quote mark: its straight form and the two curly ones.
struct QuoteMarks {
    char straight;
    std::string_view open;
    std::string_view close;
};
constexpr QuoteMarks double_quotes{'"', "\u201C", "\u201D"};
constexpr QuoteMarks single_quotes{'\'', "\u2018", "\u2019"};

// The length in bytes of one of `marks` at byte `at` of `text`; 0 if none.
std::size_t mark_at(std::string_view text, std::size_t at, const QuoteMarks& marks) {
    if (text[at] == marks.straight) return 1;
    for (const std::string_view q : {marks.open, marks.close})
        if (text.substr(at).starts_with(q)) return q.size();
    return 0;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The 1-based character (code point) position of byte `at` of UTF-8 `text`, as a user counts.
std::size_t character_at(std::string_view text, std::size_t at) {
    std::size_t characters = 0;
    for (std::size_t i = 0; i <= at && i < text.size(); ++i)
        characters += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return characters;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Whether byte `c` is part of a word for QueryParser: an ASCII letter, digit or '_', or a byte
// of a non-ASCII character (a Hangul syllable, é; the query's Unicode spaces are spaces and its
// zero-width marks dropped before it is parsed, so what is left there is nearly always a letter).
bool is_word_byte(char c) {
    return is_name_char(c) || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) & 0x80) != 0;
}

// QueryParser's phrase generators: between two words they make one phrased term of them
// (N.Korea, x-ray, a/b, kim@yna), inside which it reads no field.
bool is_phrase_generator(char c) {
    return std::string_view(".-/:\\@").find(c) != std::string_view::npos;
}

// Whether a field clause may start at `at`, where QueryParser looks for a field: a name
// character starting a term. A term starts at the start of the text and after any character
// that is no part of a word: white space, a bracket, a sign (-person:, +lang:), a comma or a
// closing quote (bridge,place:Sinuiju and "Yalu River"person:Kim are fields to QueryParser);
// not inside a word (after a letter, a digit, é or 김: 김person:x; after an apostrophe or '&'
// between two word characters: Korea's, AT&T), nor in a phrased term (after . - / : \ @
// glued to a word: N.Korea:x, x-person:y).
bool starts_clause(std::string_view text, std::size_t at) {
    if (!is_name_char(text[at])) return false;
    if (at == 0) return true;
    const char before = text[at - 1];
    if (is_word_byte(before)) return false;
    if ((before == '\'' || before == '&') && at >= 2 && is_word_byte(text[at - 2])) return false;
    std::size_t run = at;  // the phrase generators right before `at`
    while (run > 0 && is_phrase_generator(text[run - 1])) --run;
    return run == at || run == 0 || !is_word_byte(text[run - 1]);
}

// Whether the field name that next_clause() found ending at `colon` has its colon and a value
// right after it (no space between: "Korea: x" holds no field).
bool value_follows(std::string_view text, std::size_t colon) {
    return colon + 1 < text.size() && text[colon] == ':' && !is_space(text[colon + 1]);
}

// Whether `at` lies in a word (a run without white space) that starts as a web address does.
bool in_web_address(std::string_view text, std::size_t at) {
    std::size_t start = at;
    while (start > 0 && !is_space(text[start - 1])) --start;
    const std::string head = ascii::to_lower(text.substr(start, 8));
    return head.rfind("http://", 0) == 0 || head.rfind("https://", 0) == 0;
}

}  // namespace

std::size_t QuerySplitter::value_end(std::string_view text, std::size_t from) {
    if (from < text.size())
        if (const std::size_t q = quote_at(text, from))
            return past_quote(text, closing_quote(text, from + q));
    // A ')' ends the value only when it closes no '(' of the value's own: id:x(1) (an id from
    // the file x(1).txt) is one value, (date:2012 OR date:2011) closes its bracket.
    for (int depth = 0; from < text.size() && !is_space(text[from]); ++from) {
        if (text[from] == '(') ++depth;
        if (text[from] == ')' && depth-- == 0) break;
    }
    return from;
}

std::size_t QuerySplitter::quote_at(std::string_view text, std::size_t at) {
    return mark_at(text, at, double_quotes);
}

std::size_t QuerySplitter::closing_quote(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size(); ++i)
        if (quote_at(text, i) > 0) return i;
    return text.size();
}

std::size_t QuerySplitter::past_quote(std::string_view text, std::size_t close) {
    return close < text.size() ? close + quote_at(text, close) : close;
}

std::string QuerySplitter::ranges_as_gaps(std::string_view text) const {
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        // A filter clause (date:2011~2012, -person:"a~b") is left as typed, to its value's end.
        if (starts_clause(text, i)) {
            std::size_t colon = i;
            while (colon < text.size() && is_name_char(text[colon])) ++colon;
            if (colon < text.size() && text[colon] == ':' &&
                is_filter_field(text.substr(i, colon - i))) {
                i = value_end(text, colon + 1) - 1;
                continue;
            }
            i = colon - 1;
            continue;
        }
        if (i > 0 && i + 1 < out.size() && out[i] == '~' && !is_space(out[i - 1]) &&
            !is_space(out[i + 1]) && out[i - 1] != '(' && out[i - 1] != '"')
            out[i] = ' ';
    }
    return out;
}

std::string QuerySplitter::single_quotes_as_double(std::string_view text) {
    const auto single_at = [&](std::size_t at) { return mark_at(text, at, single_quotes); };
    const auto space_at = [&](std::size_t at) { return at >= text.size() || is_space(text[at]); };
    // Where a word starts: at the start, after a space or a bracket.
    const auto word_start = [&](std::size_t at) {
        return at == 0 || is_space(text[at - 1]) || text[at - 1] == '(';
    };
    // A phrase opens where a word starts, or right after a sign or a field's colon that starts
    // one (-'North Korea', title:'Yalu River', person:'Kim Jong Un'): QueryParser read those
    // marks as nothing, so title:'Yalu River' lost its field and person: looked up "'Kim".
    const auto opens_phrase = [&](std::size_t at) {
        if (word_start(at)) return true;
        const char before = text[at - 1];
        if (before == '-' || before == '+') return word_start(at - 1);
        if (before != ':' || at < 2 || !is_name_char(text[at - 2])) return false;
        std::size_t name = at - 2;
        while (name > 0 && is_name_char(text[name - 1])) --name;
        return word_start(name) || (name > 0 && (text[name - 1] == '-' || text[name - 1] == '+') &&
                                    word_start(name - 1));
    };
    std::string out;
    std::size_t copied = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::size_t open = single_at(i);
        if (open == 0 || !opens_phrase(i) || space_at(i + open)) continue;
        // The phrase ends at a quote mark ending a word (before a space, the end or a
        // punctuation mark); a double quote inside leaves the marks as typed.
        for (std::size_t j = i + open; j < text.size(); ++j) {
            if (quote_at(text, j) > 0) break;
            const std::size_t close = single_at(j);
            if (close == 0 || is_space(text[j - 1])) continue;
            const std::size_t after = j + close;
            if (!space_at(after) &&
                std::string_view(",.;:?!)").find(text[after]) == std::string_view::npos)
                continue;
            out.append(text.substr(copied, i - copied)).push_back('"');
            out.append(text.substr(i + open, j - i - open)).push_back('"');
            copied = after;
            i = after - 1;
            break;
        }
    }
    out.append(text.substr(copied));
    return out;
}

UsageError QuerySplitter::missing_value(std::string_view clause) {
    // Appended rather than "'" + string: GCC 12 warns (-Wrestrict) on that concatenation.
    std::string message(1, '\'');
    message.append(clause).append(
        "' needs its value right after the colon (date:2022, lang:ko, person:\"Kim Jong Un\")");
    return UsageError(message);
}

std::optional<std::string> QuerySplitter::unbalanced_bracket(std::string_view text) {
    std::vector<std::size_t> open;  // bytes of the '(' not closed yet
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (const std::size_t q = quote_at(text, i)) {
            i = past_quote(text, closing_quote(text, i + q)) - 1;
            continue;
        }
        if (text[i] == '(') open.push_back(i);
        if (text[i] != ')') continue;
        if (open.empty())
            return "the ')' at character " + std::to_string(character_at(text, i)) +
                   " closes no '('";
        open.pop_back();
    }
    if (open.empty()) return std::nullopt;
    return "the '(' at character " + std::to_string(character_at(text, open.front())) +
           " has no ')'";
}

std::optional<std::string> QuerySplitter::unusable_window(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (const std::size_t q = quote_at(text, i)) {
            i = past_quote(text, closing_quote(text, i + q)) - 1;
            continue;
        }
        // At a word's start, as QueryParser looks for its operators.
        if (i > 0 && !is_space(text[i - 1]) && text[i - 1] != '(') continue;
        std::size_t slash = i;
        while (slash < text.size() && ascii::is_upper(text[slash])) ++slash;
        const std::string_view op = text.substr(i, slash - i);
        if ((op != "NEAR" && op != "ADJ") || slash == text.size() || text[slash] != '/') continue;
        std::size_t end = slash + 1;
        while (end < text.size() && !is_space(text[end]) && text[end] != ')') ++end;
        const std::string_view window = text.substr(slash + 1, end - slash - 1);
        const bool number =
            !window.empty() &&
            std::all_of(window.begin(), window.end(), [](char c) { return ascii::is_digit(c); });
        if (number && window.find_first_not_of('0') != std::string_view::npos) continue;
        const std::string name(op);
        std::string message = "'";
        message += text.substr(i, end - i);
        message += "' has no window " + name +
                   " can use: give a number of words from 1 after the slash (missile " + name +
                   "/3 rocket), or " + name + " alone for 10; Xapian's QueryParser would search " +
                   name + " and the rest as words";
        return message;
    }
    return std::nullopt;
}

std::pair<std::size_t, std::size_t> QuerySplitter::next_clause(std::string_view text,
                                                               std::size_t from) {
    for (std::size_t i = from; i < text.size(); ++i) {
        if (const std::size_t q = quote_at(text, i)) {
            i = past_quote(text, closing_quote(text, i + q)) - 1;
            continue;
        }
        if (!starts_clause(text, i)) continue;
        std::size_t colon = i;
        while (colon < text.size() && is_name_char(text[colon])) ++colon;
        return {i, colon};
    }
    return {std::string_view::npos, std::string_view::npos};
}

std::optional<std::string> QuerySplitter::unknown_field(std::string_view text,
                                                        const std::vector<std::string>& fields) {
    for (std::size_t from = 0;;) {
        const auto [i, colon] = next_clause(text, from);
        if (i == std::string_view::npos) break;
        from = colon;
        // A pasted web address holds no field, wherever QueryParser would start one in it
        // (https://www.nknews.org/?p=a:b): its words are searched, as before.
        if (in_web_address(text, i)) continue;
        // A value right after the colon: not a space, nor the // of an address or a bracket
        // that closes.
        if (!value_follows(text, colon) ||
            std::string_view("/:)").find(text[colon + 1]) != std::string_view::npos)
            continue;
        const std::string name = ascii::to_lower(text.substr(i, colon - i));
        if (std::find(fields.begin(), fields.end(), name) != fields.end()) continue;
        // The clause as typed: up to a space, or its quoted value.
        const std::size_t end = value_end(text, colon + 1);
        std::string nearest;
        std::size_t best = 3;  // at most two edits away
        for (const std::string& field : fields) {
            if (const std::size_t d =
                    edit_distance(std::string_view(name), std::string_view(field));
                d < best && d < name.size()) {
                best = d;
                nearest = field;
            }
        }
        std::string message = "unknown field '" + std::string(text.substr(i, colon + 1 - i)) +
                              "' in '" + std::string(text.substr(i, end - i)) + "'";
        if (!nearest.empty()) message += " (did you mean " + nearest + ":?)";
        message += ": the fields are ";
        for (std::size_t f = 0; f < fields.size(); ++f)
            message += (f > 0 ? ", " : "") + fields[f] + ":";
        std::string apart(text.substr(i, end - i));
        apart[colon - i] = ' ';
        message += " (to search the words, write them apart: " + apart + ")";
        return message;
    }
    return std::nullopt;
}

std::string QuerySplitter::lowered_field_names(std::string_view text,
                                               const std::vector<std::string>& fields) {
    std::string out(text);
    for (std::size_t from = 0;;) {
        const auto [i, colon] = next_clause(text, from);
        if (i == std::string_view::npos) break;
        from = colon;
        if (!value_follows(text, colon)) continue;
        const std::string name = ascii::to_lower(text.substr(i, colon - i));
        if (std::find(fields.begin(), fields.end(), name) != fields.end())
            out.replace(i, name.size(), name);
    }
    return out;
}

bool QuerySplitter::is_operator(std::string_view word) {
    constexpr std::array<std::string_view, 6> ops{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    // NEAR and ADJ may give their window (NEAR/3, ADJ/2), as QueryParser reads them.
    for (const std::string_view windowed : {"NEAR/", "ADJ/"}) {
        if (word.size() <= windowed.size() || !word.starts_with(windowed)) continue;
        const std::string_view digits = word.substr(windowed.size());
        return std::all_of(digits.begin(), digits.end(),
                           [](char c) { return c >= '0' && c <= '9'; });
    }
    return std::find(ops.begin(), ops.end(), word) != ops.end();
}

QuerySplitter::QuerySplitter(std::vector<std::string> filter_fields)
    : filter_fields_(std::move(filter_fields)) {}

bool QuerySplitter::is_filter_field(std::string_view name) const {
    return std::find(filter_fields_.begin(), filter_fields_.end(), name) != filter_fields_.end();
}

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
            if (!is_filter_field(field)) return std::nullopt;
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

std::string QuerySplitter::unbracket_values(std::string_view text) const {
    std::string out;
    std::size_t copied = 0;
    for (std::size_t from = 0;;) {
        const auto [i, colon] = next_clause(text, from);
        if (i == std::string_view::npos) break;
        from = colon;
        const std::string_view name = text.substr(i, colon - i);
        if (!value_follows(text, colon) || text[colon + 1] != '(' || !is_filter_field(name))
            continue;
        // One value: a quoted phrase, or a run of characters without space, bracket or quote.
        const std::size_t begin = colon + 2;
        std::size_t end = begin;
        if (const std::size_t q = quote_at(text, begin))
            end = past_quote(text, closing_quote(text, begin + q));
        else
            while (end < text.size() && !is_space(text[end]) && text[end] != '(' &&
                   text[end] != ')' && quote_at(text, end) == 0)
                ++end;
        if (end < text.size() && text[end] == ')') {
            out.append(text.substr(copied, colon + 1 - copied));
            out.append(text.substr(begin, end - begin));
            copied = end + 1;
            from = end + 1;
            continue;
        }
        if (end == text.size()) break;  // never closed: unbalanced_bracket() says so
        // The clause as typed, up to its closing bracket, for the message.
        std::size_t close = begin;
        for (int depth = 1; close < text.size(); ++close) {
            if (const std::size_t q = quote_at(text, close)) {
                close = past_quote(text, closing_quote(text, close + q)) - 1;
                continue;
            }
            depth += text[close] == '(' ? 1 : text[close] == ')' ? -1 : 0;
            if (depth == 0) break;
        }
        const std::string field(name);
        throw UsageError("'" + std::string(text.substr(i, close + 1 - i)) +
                         "' holds more than one value: a filter clause takes one, quoted when it "
                         "has spaces (" +
                         field + ":\"...\"); join clauses for several (" + field + ":A OR " +
                         field + ":B)");
    }
    out.append(text.substr(copied));
    return out;
}

std::string QuerySplitter::quote_bracketed_values(std::string_view text) const {
    std::string out;
    std::size_t copied = 0;
    for (std::size_t from = 0;;) {
        const auto [i, colon] = next_clause(text, from);
        if (i == std::string_view::npos) break;
        from = colon;
        if (colon >= text.size() || text[colon] != ':' ||
            !is_filter_field(text.substr(i, colon - i)))
            continue;
        const std::size_t begin = colon + 1;
        const std::size_t end = value_end(text, begin);
        from = end;
        const std::string_view value = text.substr(begin, end - begin);
        bool quoted = false;
        for (std::size_t k = begin; k < end && !quoted; ++k) quoted = quote_at(text, k) > 0;
        // A value opening with a bracket is unbracket_values()' to read (person:(Kim)).
        if (value.empty() || value.front() == '(' || quoted ||
            value.find('(') == std::string_view::npos)
            continue;
        out.append(text.substr(copied, begin - copied)).push_back('"');
        out.append(value).push_back('"');
        copied = end;
    }
    out.append(text.substr(copied));
    return out;
}

QueryParts QuerySplitter::lift_filters(std::string_view text) const {
    // The query as chunks: quoted phrases, brackets, and runs of other characters; a filter
    // clause with a quoted value (person:"Kim Jong Un") is one chunk.
    struct Chunk {
        std::size_t begin = 0;
        std::size_t end = 0;
        int depth = 0;        // brackets open around it (a bracket: those around the pair)
        bool filter = false;  // a filter clause
        bool op = false;      // AND, OR, NOT ...
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
            chunks.push_back({i, stop, depth});
            i = stop;
            continue;
        }
        if (text[i] == '(' || text[i] == ')') {
            depth = text[i] == '(' ? depth + 1 : std::max(0, depth - 1);
            chunks.push_back({i, i + 1, text[i] == '(' ? depth - 1 : depth});
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end]) && quote_at(text, end) == 0 &&
               text[end] != '(' && text[end] != ')')
            ++end;
        const std::string_view chunk = text.substr(i, end - i);
        const auto colon = chunk.find(':');
        const bool filter =
            colon != std::string_view::npos && is_filter_field(chunk.substr(0, colon));
        if (filter && colon + 1 == chunk.size() && end < text.size() && quote_at(text, end) > 0) {
            end = past_quote(text, closing_quote(text, end + quote_at(text, end)));
        }
        chunks.push_back({i, end, depth, filter, is_operator(chunk)});
        i = end;
    }
    const auto is_bracket = [&](std::size_t k, char c) {
        return chunks[k].end == chunks[k].begin + 1 && text[chunks[k].begin] == c;
    };
    // Where the unit of filters starting at chunk k ends (one past it): a filter clause outside
    // brackets, or brackets holding only filter clauses and operators (date:2012 OR date:2013);
    // k when none starts there.
    const auto unit_end = [&](std::size_t k) {
        if (chunks[k].depth != 0) return k;
        if (chunks[k].filter) return k + 1;
        // Not brackets a sign or a field stands before: -(lang:ko OR lang:en) excludes.
        if (!is_bracket(k, '(') || (k > 0 && chunks[k - 1].end == chunks[k].begin)) return k;
        bool clause = false;
        for (std::size_t j = k + 1; j < chunks.size(); ++j) {
            if (is_bracket(j, ')') && chunks[j].depth == 0) return clause ? j + 1 : k;
            if (!(chunks[j].filter || chunks[j].op || is_bracket(j, '(') || is_bracket(j, ')')))
                return k;
            clause = clause || chunks[j].filter;
        }
        return k;
    };
    const auto joins = [&](std::size_t k) {
        const std::string_view word = text.substr(chunks[k].begin, chunks[k].end - chunks[k].begin);
        return word == "AND" || word == "OR";
    };
    QueryParts parts;
    std::size_t copied = 0;
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        std::size_t end = unit_end(k);
        if (end == k) continue;
        // Units joined by AND or OR alone (date:2012 OR date:2013) are one filter.
        bool joined = false;
        while (end + 1 < chunks.size() && joins(end) && unit_end(end + 1) > end + 1) {
            end = unit_end(end + 1);
            joined = true;
        }
        // An operand of an operator (a OR date:2012, NOT lang:ko) keeps its place.
        if ((k > 0 && chunks[k - 1].op) || (end < chunks.size() && chunks[end].op)) {
            k = end - 1;
            continue;
        }
        const Chunk& first = chunks[k];
        const Chunk& last = chunks[end - 1];
        parts.words.append(text.substr(copied, first.begin - copied));
        // A clause glued to what follows ("a"date:2012"b") leaves a space between them.
        if (!parts.words.empty() && !is_space(parts.words.back()) && last.end < text.size() &&
            !is_space(text[last.end]))
            parts.words.push_back(' ');
        std::string filter(text.substr(first.begin, last.end - first.begin));
        parts.filters.push_back(joined ? "(" + filter + ")" : std::move(filter));
        copied = last.end;
        k = end - 1;
    }
    parts.words.append(text.substr(copied));
    return parts;
}

}  // namespace yalu
