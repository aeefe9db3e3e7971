#include "query_builder.hpp"

#include "ascii.hpp"
#include "edit_distance.hpp"
#include "errors.hpp"
#include "entity_tokenizer.hpp"
#include "entity_matcher.hpp"
#include "gazetteer.hpp"
#include "language_code.hpp"
#include "query_rewriter.hpp"
#include "query_splitter.hpp"
#include "url.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yalu {
namespace {

// Whether `text` holds `name:` with no word after the colon (a space, the end, or only
// quotes, brackets and operators before them: title:"", title:()), as a word of its own.
bool has_empty_clause(std::string_view text, std::string_view name) {
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"') quoted = !quoted;
        if (quoted || text.compare(i, name.size(), name) != 0) continue;
        const std::size_t colon = i + name.size();
        const bool starts = i == 0 || text[i - 1] == ' ' || text[i - 1] == '(' ||
                            text[i - 1] == '+' || text[i - 1] == '-';
        if (!starts || colon >= text.size() || text[colon] != ':') continue;
        // Nothing but quotes, brackets or operators before the next space: title:"" title:()
        std::size_t v = colon + 1;
        while (v < text.size() &&
               std::string_view("\"()-+*").find(text[v]) != std::string_view::npos)
            ++v;
        if (v == text.size() || text[v] == ' ') return true;
    }
    return false;
}

// The longest query searched: 256 words match in well under a second.
constexpr std::size_t kMaxQueryWords = 256;
// Nor more characters than 256 words of eight: a run without spaces is one word to the count
// above, yet a 16,000-syllable Hangul run took 2 s and 549 MB, 5,000 hyphenated parts 5.4 s
// and 404 MB; 240 words of 16 syllables (3,839 characters) 3 s and 655 MB.
constexpr std::size_t kMaxQueryCharacters = 2048;

// Among the best matches, an article dated in a year or month typed in the words counts this
// many times its score (docs/RELEVANCE.md, seventeenth session).
constexpr double typed_period_factor = 1.2;

// Where chunks_of() may cut: at every space outside "quoted phrases", or only outside brackets.
enum class Cut { at_spaces, outside_brackets };

// `text` cut at spaces outside "quoted phrases" (and, for Cut::outside_brackets, outside
// brackets: "-(a b) -c" is "-(a b)" and "-c").
std::vector<std::string_view> chunks_of(std::string_view text, Cut cut = Cut::at_spaces) {
    std::vector<std::string_view> out;
    bool quoted = false;
    int depth = 0;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size()) {
            if (QuerySplitter::quote_at(text, i) > 0)
                quoted = !quoted;
            else if (!quoted && cut == Cut::outside_brackets && text[i] == '(')
                ++depth;
            else if (!quoted && text[i] == ')' && depth > 0)
                --depth;
            if (quoted || depth > 0 || text[i] != ' ') continue;
        }
        if (i > begin) out.push_back(text.substr(begin, i - begin));
        begin = i + 1;
    }
    return out;
}

bool is_exclusion(std::string_view chunk) {
    return chunk.size() > 1 && chunk.front() == '-';
}

// Whether `chunk` is a '-' or '+' that stands before no word, phrase or bracket ("--exact",
// "-", "+-x"): QueryParser reads it as nothing.
bool is_stray_sign(std::string_view chunk) {
    return !chunk.empty() && (chunk.front() == '-' || chunk.front() == '+') &&
           (chunk.size() == 1 || chunk[1] == '-' || chunk[1] == '+');
}

// Whether QueryParser gave `parsed` for `text` by reading it as plain words: Xapian 1.4 does
// so, silently, when it cannot parse the syntax ("-missile" alone searched missile, "-a AND
// b" searched a, and, b). Only a query with operators or exclusions can tell: those change
// the parse whenever they are read.
bool read_as_plain_words(Xapian::QueryParser& qp, const std::string& text,
                         const Xapian::Query& parsed) {
    const auto chunks = chunks_of(text);
    const bool syntax = std::any_of(chunks.begin(), chunks.end(), [](std::string_view c) {
        return is_exclusion(c) || QuerySplitter::is_operator(c);
    });
    if (!syntax) return false;
    try {
        return parsed.get_description() ==
               qp.parse_query(text, Xapian::QueryParser::FLAG_CJK_NGRAM).get_description();
    } catch (const Xapian::QueryParserError&) {
        return false;  // not even as words: the flags' parse was no fallback
    }
}

// "-a -b" as "NOT a NOT b" when every chunk of `text` is an exclusion; "" otherwise.
std::string exclusions_as_not(std::string_view text) {
    std::string out;
    // A bracket is one exclusion, spaces and all: "-(a b)" is "NOT (a b)" (cut at its space,
    // "-(a" and "b)", it was no query of exclusions, and QueryParser could not read it).
    for (const std::string_view chunk : chunks_of(text, Cut::outside_brackets)) {
        // "--exact" is no exclusion of "-exact": as NOT -exact, the error spoke of a NOT.
        if (!is_exclusion(chunk) || is_stray_sign(chunk)) return {};
        out += (out.empty() ? "NOT " : " NOT ") + std::string(chunk.substr(1));
    }
    return out;
}

// The field name a word starting at `at` is the value of (title for title:UN); "" if none.
std::string_view field_before(std::string_view text, std::size_t at) {
    if (at == 0 || text[at - 1] != ':') return {};
    std::size_t p = at - 1;
    while (p > 0 && (ascii::is_alpha(text[p - 1]) || text[p - 1] == '_')) --p;
    return text.substr(p, at - 1 - p);
}

// Appends the '(' of a bracket Yalu writes around a word of the query (a Hangul word's phrase,
// a name's evidence). Xapian 1.4's QueryParser opens a bracket only where a term may start:
// glued to other punctuation ([속보], 《북한》, x/평양, ·UN) it fails on the query and reads it
// as plain words, which was reported as a syntax error. So a space goes before it unless it
// follows white space, another bracket, a sign or a field's colon, which it must stay against.
void open_bracket(std::string& out) {
    if (!out.empty()) {
        const char last = out.back();
        const bool term_start = ascii::is_space(last) || last == '(' || last == '+' ||
                                last == '-' ||
                                (last == ':' && !field_before(out, out.size()).empty());
        if (!term_start) out += ' ';
    }
    out += '(';
}

// Where the filter clause starting at byte `at` ends (name:value with `is_filter(name)`), as
// QueryParser reads its value: in quotes (straight ones close only at a straight one, "" is
// a quote inside), or up to a space or ')'; `at` when no filter clause starts there.
std::size_t filter_clause_end(std::string_view text, std::size_t at,
                              const std::function<bool(std::string_view)>& is_filter) {
    if (at > 0 &&
        (ascii::is_alpha(text[at - 1]) || ascii::is_digit(text[at - 1]) || text[at - 1] == '_'))
        return at;  // inside a word: no field name starts here
    std::size_t colon = at;
    while (colon < text.size() && (ascii::is_alpha(text[colon]) || text[colon] == '_')) ++colon;
    if (colon == at || colon + 1 >= text.size() || text[colon] != ':' ||
        static_cast<unsigned char>(text[colon + 1]) <= ' ' || text[colon + 1] == ')' ||
        !is_filter(text.substr(at, colon - at)))
        return at;
    std::size_t end = colon + 1;
    if (const std::size_t q = QuerySplitter::quote_at(text, end)) {
        const bool straight = text[end] == '"';
        for (end += q; end < text.size();) {
            if (text[end] == '"') {
                if (end + 1 == text.size() || text[end + 1] != '"') return end + 1;
                end += 2;  // "" is a quote inside
                continue;
            }
            const std::size_t close = straight ? 0 : QuerySplitter::quote_at(text, end);
            if (close > 0) return end + close;
            ++end;
        }
        return end;
    }
    while (end < text.size() && static_cast<unsigned char>(text[end]) > ' ' && text[end] != ')')
        ++end;
    return end;
}

// The internal filter prefix QueryParser reads a name's evidence through.
constexpr std::string_view kEvidencePrefix = "yalu_evidence";
// The internal field a quoted name of a syntax query becomes ("North Korea" -> yalu_name:n0),
// read as the name in every spelling.
constexpr std::string_view kNamePrefix = "yalu_name";

// The queries the internal fields of a syntax query hand out, by their value.
struct Vouchers {
    std::map<std::string, Xapian::Query, std::less<>> evidence;  ///< yalu_evidence: filters
    std::map<std::string, Xapian::Query, std::less<>> names;     ///< yalu_name: names
};

// The articles where a word begins with each two-syllable Hangul name of a quoted phrase
// ("평양 지역": 평양, not the 태평양 of 태평양 지역), as plain queries require them; nullopt when
// the phrase holds no such name.
std::optional<Xapian::Query> phrase_evidence(std::string_view phrase,
                                             const QueryRewriter& rewriter) {
    std::vector<Xapian::Query> starts;
    for (std::size_t i = 0; i < phrase.size();) {
        std::size_t end = i;
        if (!utf8::is_hangul_syllable(utf8::next(phrase, end))) {
            i = end;
            continue;
        }
        for (std::size_t next = end;
             next < phrase.size() && utf8::is_hangul_syllable(utf8::next(phrase, next));)
            end = next;
        if (auto start = rewriter.word_start_evidence(phrase.substr(i, end - i)))
            starts.push_back(std::move(*start));
        i = end;
    }
    if (starts.empty()) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_AND, starts.begin(), starts.end());
}

// `text` with each name `rewriter` has evidence for written as "(UN yalu_evidence:UN)":
// QueryParser then filters the word by the articles that name it, as plain-word queries do.
// An acronym that spells a word (UN, title:UN, U.N.) by the articles its entity was found in;
// a two-syllable Hangul name (평양, title:평양에서, "평양 지역") by the articles where a word
// begins with it. Not an acronym inside quotes ("UN envoy"), nor anything in a filter clause
// (`is_filter(name)` for name:value: org:UN, lang:en-US). The evidence of each goes into
// `vouchers.evidence`, for the field processor to hand out. A quoted phrase with no field
// before it, a name or Latin words, becomes yalu_name:nN (`vouchers.names`): read as in plain
// queries, a name in every spelling (NOT "North Korea" also leaves out DPRK) and words with
// their possessive forms ("Korean people" AND x also finds "Korean people's").
std::string vouch_names(std::string_view text, const QueryRewriter& rewriter,
                        const std::function<bool(std::string_view)>& is_filter,
                        const std::function<std::string(std::string_view)>& text_prefix,
                        Vouchers& vouchers) {
    std::string out;
    // `body`, the name or phrase at byte `at`, as "(title:body yalu_evidence:key)": the field
    // before it (title:) is taken back out of `out` and put inside the brackets.
    const auto write_vouched = [&](std::size_t at, std::string_view body, std::string_view key,
                                   bool quote_key, Xapian::Query vouch) {
        const std::string_view field = field_before(text, at);
        const std::size_t p = field.empty() ? at : at - field.size() - 1;
        out.resize(out.size() - (at - p));
        open_bracket(out);
        out.append(text.substr(p, at - p));
        out.append(body);
        out += ' ';
        out += kEvidencePrefix;
        out += quote_key ? ":\"" : ":";
        out.append(key);
        if (quote_key) out += '"';
        out += ')';
        vouchers.evidence.insert_or_assign(std::string(key), std::move(vouch));
    };
    char32_t prev = 0;
    std::vector<bool> in_field;  // per open bracket: whether a field stands before it
    for (std::size_t i = 0; i < text.size();) {
        // A filter's value is QueryParser's to read as typed (lang:en-US, person:Kim-Jong-UN):
        // it names no word, and a bracket inside it would become part of the value.
        if (const std::size_t clause = filter_clause_end(text, i, is_filter); clause > i) {
            out.append(text.substr(i, clause - i));
            prev = 0;
            i = clause;
            continue;
        }
        if (const std::size_t q = QuerySplitter::quote_at(text, i)) {
            // A phrase is read whole: brackets inside it would be words of the phrase.
            const std::size_t close = QuerySplitter::closing_quote(text, i + q);
            const std::size_t after =
                close < text.size() ? close + QuerySplitter::quote_at(text, close) : close;
            const std::string_view phrase = text.substr(i + q, close - i - q);
            // A name in every spelling, unless a field (title:"...", title:("...")) says where.
            const std::string_view field = field_before(text, i);
            const bool fielded = !field.empty() || (!in_field.empty() && in_field.back());
            std::optional<Xapian::Query> named;
            // Any other phrase of Latin words as plain queries read it too: its words'
            // possessive forms ("Korean people's") were missed once an operator stood beside it,
            // or a field before it (title:"Kim Jong Un" missed "Kim Jong Un's").
            if (!fielded && !(named = rewriter.spelled_name(phrase)) && !utf8::has_cjk(phrase))
                named = rewriter.quoted(phrase);
            if (const std::string prefix = field.empty() ? std::string() : text_prefix(field);
                !prefix.empty() && (named = rewriter.quoted_in_field(phrase, prefix)))
                out.resize(out.size() - field.size() - 1);  // the field is in the query now
            if (named) {
                // A plain key: QueryParser 1.4 hands a free-text field processor no phrase.
                std::string key(1, 'n');
                key += std::to_string(vouchers.names.size());
                // Apart from words around it ("North Korea"NOT x), not from a sign (-"...").
                if (!out.empty() && ascii::is_alpha(out.back())) out += ' ';
                out += kNamePrefix;
                out += ':';
                out += key;
                out += ' ';
                vouchers.names.emplace(key, std::move(*named));
            } else if (auto vouch = phrase_evidence(phrase, rewriter)) {
                std::string quoted(1, '"');            // (not "\"" + ...: GCC 12 warns falsely)
                quoted.append(phrase).push_back('"');  // closed, even where the text ends it
                write_vouched(i, quoted, phrase, true, std::move(*vouch));
            } else {
                out.append(text.substr(i, after - i));
            }
            prev = 0;
            i = after;
            continue;
        }
        std::size_t end = i;
        const char32_t c = utf8::next(text, end);
        // Brackets opened after a field (title:(...)) keep it for what they hold.
        if (c == '(')
            in_field.push_back(!field_before(text, i).empty() ||
                               (!in_field.empty() && in_field.back()));
        if (c == ')' && !in_field.empty()) in_field.pop_back();
        const bool prev_word =
            prev < 0x80 ? ascii::is_alpha(static_cast<char>(prev)) : utf8::is_hangul_syllable(prev);
        const bool acronym = c < 0x80 && ascii::is_upper(static_cast<char>(c)) && !prev_word;
        const bool hangul = utf8::is_hangul_syllable(c) && !prev_word;
        prev = c;
        if (!(acronym || hangul)) {
            out.append(text.substr(i, end - i));
            i = end;
            continue;
        }
        for (std::size_t next = end; next < text.size();) {
            const char32_t d = utf8::next(text, next);
            const bool more = acronym
                                  ? d < 0x80 && (ascii::is_alpha(static_cast<char>(d)) || d == '.')
                                  : utf8::is_hangul_syllable(d);
            if (!more) break;
            prev = d;
            end = next;
        }
        const std::string_view word = text.substr(i, end - i);
        const bool glued = end < text.size() && (ascii::is_digit(text[end]) || text[end] == ':');
        // A Hangul word spelling a gazetteer name (김정은, 김정은은) with no field before it is
        // the name in every spelling, as quoted ("김정은" AND missile) and in plain queries:
        // it was its syllables alone, and 김정은 AND missile found none of the 47 articles.
        if (hangul && !glued &&
            (end == text.size() || !(ascii::is_alpha(text[end]) || text[end] == '_')) &&
            field_before(text, i).empty() && (in_field.empty() || !in_field.back())) {
            std::optional<Xapian::Query> named = rewriter.spelled_name(word);
            if (const std::string noun = rewriter.noun_of(word); !named && noun != word)
                named = rewriter.spelled_name(noun);
            if (named) {
                std::string key(1, 'n');
                key += std::to_string(vouchers.names.size());
                out += kNamePrefix;
                out += ':';
                out += key;
                out += ' ';
                vouchers.names.emplace(key, std::move(*named));
                i = end;
                continue;
            }
        }
        auto vouch = glued     ? std::nullopt
                     : acronym ? rewriter.acronym_evidence(word)
                               : rewriter.word_start_evidence(word);
        if (vouch)
            write_vouched(i, word, word, false, std::move(*vouch));
        else
            out.append(word);
        i = end;
    }
    return out;
}

// `text` with every word holding a Hangul/CJK character put in brackets (김정은 ->
// (김정은), title:김정은 -> title:(김정은)), except inside "quoted phrases" and in filter
// clauses (`is_filter(name)` for name:value), whose value QueryParser reads whole.
std::string bracket_cjk_words(std::string_view text,
                              const std::function<bool(std::string_view)>& is_filter) {
    const auto word_char = [](char32_t c) {
        return utf8::is_cjk(c) || (c < 0x80 && (ascii::is_alpha(static_cast<char>(c)) ||
                                                ascii::is_digit(static_cast<char>(c))));
    };
    std::string out;
    bool quoted = false;
    for (std::size_t pos = 0; pos < text.size();) {
        if (const std::size_t clause = quoted ? pos : filter_clause_end(text, pos, is_filter);
            clause > pos) {
            out.append(text.substr(pos, clause - pos));
            pos = clause;
            continue;
        }
        const std::size_t start = pos;
        if (QuerySplitter::quote_at(text, pos) > 0) quoted = !quoted;
        const char32_t c = utf8::next(text, pos);
        if (quoted || !word_char(c)) {
            out.append(text.substr(start, pos - start));
            continue;
        }
        std::size_t end = pos;
        bool cjk = utf8::is_cjk(c);
        for (std::size_t next = end; next < text.size();) {
            const char32_t d = utf8::next(text, next);
            if (!word_char(d)) break;
            cjk = cjk || utf8::is_cjk(d);
            end = next;
        }
        const std::string_view word = text.substr(start, end - start);
        pos = end;
        if (cjk) {
            open_bracket(out);
            out.append(word);
            out += ')';
        } else {
            out.append(word);
        }
    }
    return out;
}

// `text` with each run of CJK characters outside filter clauses written as the Latin letter k
// (kim 김정은 visit -> kim k visit): the same syntax, which Xapian 1.4.22 parses without the
// failure a CJK word between other words meets, so it says whether the query is valid.
std::string latin_skeleton(std::string_view text,
                           const std::function<bool(std::string_view)>& is_filter) {
    std::string out;
    bool cjk_run = false;
    for (std::size_t pos = 0; pos < text.size();) {
        if (const std::size_t clause = filter_clause_end(text, pos, is_filter); clause > pos) {
            out.append(text.substr(pos, clause - pos));
            pos = clause;
            cjk_run = false;
            continue;
        }
        const std::size_t start = pos;
        const bool cjk = utf8::is_cjk(utf8::next(text, pos));
        if (!cjk)
            out.append(text.substr(start, pos - start));
        else if (!cjk_run)
            out += 'k';
        cjk_run = cjk;
    }
    return out;
}

// The chunk of `typed` QueryParser could not read as syntax, for the message: a sign before no
// word (--exact), else an operator at either end or beside another; "" when none is plain.
std::string unreadable_chunk(std::string_view typed) {
    const auto chunks = chunks_of(typed);
    for (const std::string_view c : chunks)
        if (is_stray_sign(c)) return std::string(c);
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        if (!QuerySplitter::is_operator(chunks[k])) continue;
        const bool lonely = k == 0 || k + 1 == chunks.size() ||
                            QuerySplitter::is_operator(chunks[k + 1]) ||
                            QuerySplitter::is_operator(chunks[k - 1]);
        // NOT first is a pure NOT, which is valid.
        if (lonely && !(k == 0 && chunks[k] == "NOT")) return std::string(chunks[k]);
    }
    return {};
}

// The message of a syntax error: the query as the user typed it (the filter clauses Yalu takes
// off, the brackets it adds are no part of it), then what is wrong.
std::string syntax_error(std::string_view typed, std::string_view problem) {
    std::string message = "query syntax error in '";
    message.append(typed).append("': ").append(problem);
    return message;
}

// Xapian's message for a syntax error in the terms of `typed`: its grammar names the operator of
// the rule that failed ("Syntax: <expression> NOT <expression>"), which may be one Yalu wrote
// (the NOT of an exclusion, the OR of a Hangul word's noun), not one the user typed.
std::string syntax_problem(std::string_view typed, const std::string& xapian_message) {
    constexpr std::string_view rule = "Syntax: <expression> ";
    if (xapian_message.rfind(rule, 0) == 0) {
        std::string op = xapian_message.substr(rule.size());
        op = op.substr(0, op.find(" <expression>"));
        const std::string last = op.substr(op.rfind(' ') + 1);  // NOT of AND NOT
        const auto chunks = chunks_of(typed);
        if (std::find(chunks.begin(), chunks.end(), last) != chunks.end())
            return op + " lacks a word, phrase or bracket on one side";
        if (const std::string chunk = unreadable_chunk(typed); !chunk.empty())
            return "'" + chunk + "' has nothing to apply to";
        return "an operator or sign has nothing to apply to";
    }
    return "Xapian's QueryParser says: " + xapian_message;
}

// `text` with every word of Hangul syllables outside "quoted phrases" and filter clauses
// written as a phrase, with the noun it is built on as the alternative (북한의 ->
// ("북한의" OR "북한")): QueryParser would otherwise AND the word's syllables and pairs
// anywhere in an article (김정은 AND 신년사 found 김정일 ... 정은), where plain queries match
// syllable phrases.
std::string phrase_hangul_words(std::string_view text,
                                const std::function<bool(std::string_view)>& is_filter,
                                const QueryRewriter& rewriter) {
    const auto latin_or_digit = [](char32_t c) {
        return c < 0x80 &&
               (ascii::is_alpha(static_cast<char>(c)) || ascii::is_digit(static_cast<char>(c)));
    };
    const auto word_char = [&](char32_t c) { return latin_or_digit(c) || utf8::is_cjk(c); };
    std::string out;
    bool quoted = false;
    char32_t prev = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        if (const std::size_t clause = quoted ? pos : filter_clause_end(text, pos, is_filter);
            clause > pos) {
            out.append(text.substr(pos, clause - pos));
            pos = clause;
            prev = 0;
            continue;
        }
        const std::size_t start = pos;
        if (QuerySplitter::quote_at(text, pos) > 0) quoted = !quoted;
        const char32_t c = utf8::next(text, pos);
        // A word holding Hangul syllables, whole: 북한의, 80주년 (a number written against
        // them, as the index holds it), 제9차.
        bool hangul = false;
        std::size_t end = start;
        if (!quoted && !word_char(prev) && word_char(c)) {
            for (std::size_t next = start; next < text.size();) {
                const char32_t d = utf8::next(text, next);
                if (!word_char(d)) break;
                hangul = hangul || utf8::is_hangul_syllable(d);
                end = next;
            }
        }
        if (!hangul) {
            out.append(text.substr(start, pos - start));
            prev = c;
            continue;
        }
        const std::string_view word = text.substr(start, end - start);
        pos = end;
        prev = 0;
        // The syllables after a number, for their noun (80주년에 -> 80주년); other mixtures
        // (제9차, HBM4서) are one phrase as written.
        std::size_t digits = 0;
        while (digits < word.size() && ascii::is_digit(word[digits])) ++digits;
        std::size_t syllables = digits;
        bool only_hangul = true;
        for (std::size_t at = digits; at < word.size() && only_hangul;)
            only_hangul = utf8::is_hangul_syllable(utf8::next(word, at));
        std::string noun(word);
        if (only_hangul && syllables < word.size()) {
            noun.resize(digits);
            noun += rewriter.noun_of(word.substr(digits));
        }
        open_bracket(out);
        out += '"';
        out.append(word);
        out += '"';
        if (noun != word) out += " OR \"" + noun + '"';
        out += ')';
    }
    return out;
}

// `date:` ("2022", "2022-01..2022-03", "..2021-12-31") and `person:`, `org:`, `place:`,
// `entity:` (any alias or id of a gazetteer entity): the value's filter query.
class FilterFieldProcessor : public Xapian::FieldProcessor {
public:
    using Lookup = std::function<Xapian::Query(const std::string&)>;
    /// `failure` receives the first error `lookup` throws; parse_syntax() rethrows it.
    FilterFieldProcessor(Lookup lookup, std::shared_ptr<std::exception_ptr> failure)
        : lookup_(std::move(lookup)), failure_(std::move(failure)) {}
    Xapian::Query operator()(const std::string& text) override {
        // An exception must not cross QueryParser: Xapian 1.4.22 crashes (SIGSEGV) when one
        // leaves a field processor of a query that starts with '-' ("-person:Nobody").
        try {
            return lookup_(text);
        } catch (...) {
            if (!*failure_) *failure_ = std::current_exception();
            return Xapian::Query::MatchNothing;
        }
    }

private:
    Lookup lookup_;
    std::shared_ptr<std::exception_ptr> failure_;
};

// A boolean field QueryParser reads as field:value. Date-derived and entity terms are reached
// through date: and the entity fields instead.
bool is_filter_field(const FieldSpec& f) {
    return f.kind == FieldKind::boolean && f.from != "entities" &&
           (f.from != "date" || f.format == "YYYY");
}

// `value` of `lang:` or `year:` as the index's term holds it: lang:KO and lang:en-US are what
// --lang accepts (ko, en), year: takes one four-digit year as the index writes it (a range
// is date:'s). Throws UsageError saying what the field takes.
std::string checked_filter_value(const FieldSpec& f, const std::string& value) {
    if (f.from == "lang") {
        if (auto code = language_code(value)) return *code;
        throw UsageError(f.name +
                         ": takes a two- or three-letter language code such as en or ko, not '" +
                         value + "'");
    }
    // Years 1000..9999, as date: and --from take them (year:0999 was "No matches.").
    if (value.size() == 4 && value.front() != '0' &&
        std::all_of(value.begin(), value.end(), ascii::is_digit))
        return value;
    throw UsageError(f.name + ": takes a four-digit year from 1000 to 9999 such as 2012, not '" +
                     value + "' (for several years, date:2012..2013)");
}

// The lang: term for `code` (checked_filter_value's), when the index holds an article in that
// language; else UsageError naming the languages it holds: --lang kr (the country's code) was
// a silent "No matches." on an index of en and ko.
std::string held_language_term(const Xapian::Database& db, const FieldSpec& f,
                               const std::string& code) {
    const std::string term = f.prefix + code;
    if (db.term_exists(term)) return term;
    std::string held;
    for (auto t = db.allterms_begin(f.prefix); t != db.allterms_end(f.prefix); ++t)
        held += (held.empty() ? "" : ", ") + (*t).substr(f.prefix.size());
    throw UsageError("no article in language '" + code + "' in the index" +
                     (held.empty() ? std::string() : " (it holds " + held + ")"));
}

// The term of `site` (a host, as the index writes it) for filter field `f`; throws UsageError
// when no article of `db` is from it, naming the sites whose name holds it, or else the sites
// held, most articles first (site:kcna was "No matches." beside kcna.co.jp and kcna.kp).
std::string held_site_term(const Xapian::Database& db, const FieldSpec& f,
                           const std::string& site) {
    const std::string term = f.prefix + site;
    if (db.term_exists(term)) return term;
    std::vector<std::pair<Xapian::doccount, std::string>> held;  // articles, site
    for (auto t = db.allterms_begin(f.prefix); t != db.allterms_end(f.prefix); ++t)
        held.emplace_back(t.get_termfreq(), (*t).substr(f.prefix.size()));
    std::sort(held.begin(), held.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    constexpr std::size_t kListed = 10;
    std::string like;
    std::size_t likes = 0;
    for (const auto& [count, name] : held) {
        if (site.empty() || name.find(site) == std::string::npos || ++likes > kListed) continue;
        like += (like.empty() ? "" : ", ") + name;
    }
    std::string message = "no article from site '" + site + "' in the index";
    if (!like.empty())
        throw UsageError(message + " (sites with '" + site + "' in their name: " + like + ")");
    std::string listed;
    for (std::size_t i = 0; i < held.size() && i < kListed; ++i)
        listed += (listed.empty() ? "" : ", ") + held[i].second;
    if (!listed.empty())
        message += " (it holds " + std::to_string(held.size()) + " site" +
                   (held.size() == 1 ? "" : "s") + ", most articles first: " + listed +
                   (held.size() > kListed ? ", ..." : "") + ")";
    throw UsageError(message);
}

// The words a query in QueryParser syntax searches for, as plain words: operators, excluded
// words (-word, NOT word), wildcards, brackets and field prefixes left out.
std::string searched_words(const std::string& text) {
    std::string out;
    bool skip_next = false;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '(' || text[i] == ')')) ++i;
        std::size_t end = i;
        while (end < text.size() && text[end] != ' ' && text[end] != '(' && text[end] != ')') ++end;
        std::string word = text.substr(i, end - i);
        i = end;
        if (word.empty()) continue;
        if (word == "NOT") {
            skip_next = true;
            continue;
        }
        const bool excluded = skip_next || word.front() == '-';
        skip_next = false;
        if (excluded || QuerySplitter::is_operator(word) || word.find('*') != std::string::npos)
            continue;
        if (word.front() == '+') word.erase(0, 1);
        if (const auto colon = word.find(':'); colon != std::string::npos) word.erase(0, colon + 1);
        if (word.empty()) continue;
        if (!out.empty()) out += ' ';
        out += word;
    }
    return out;
}

Date date_from_compact(const std::string& v) {
    return Date{std::stoi(v.substr(0, 4)), std::stoi(v.substr(4, 2)), std::stoi(v.substr(6, 2))};
}

}  // namespace

QueryBuilder::QueryBuilder(const Schema& schema, const Xapian::Database& db,
                           const EntityMatcher* names, const Thesaurus* thesaurus)
    : schema_(schema),
      db_(db),
      names_(names),
      gazetteer_(names ? &names->gazetteer() : nullptr),
      thesaurus_(thesaurus),
      stemmer_(schema.stemmer() == "none" ? Xapian::Stem() : Xapian::Stem(schema.stemmer())) {}

Xapian::Query QueryBuilder::date_filter(const DateRange& range) const {
    if (!range.from && !range.to) return Xapian::Query::MatchAll;
    // Open ends are closed at the dates the index actually holds, so the cover stays small.
    const unsigned slot = schema_.slot("date");
    const std::string lo = db_.get_value_lower_bound(slot);
    const std::string hi = db_.get_value_upper_bound(slot);
    if (lo.size() != 8 || hi.size() != 8) return Xapian::Query::MatchNothing;
    // Clamp to whole years around the indexed dates: years without articles cost nothing,
    // while clamping to the exact first/last day would add a term per day of that year.
    const Date first{date_from_compact(lo).year, 1, 1};
    const Date last{date_from_compact(hi).year, 12, 31};
    const Date from = range.from ? std::max(*range.from, first) : first;
    const Date to = range.to ? std::min(*range.to, last) : last;
    std::vector<Xapian::Query> terms;
    for (const auto& period : DatePeriod::cover(from, to)) {
        const char* field = period.granularity == Granularity::year    ? "year"
                            : period.granularity == Granularity::month ? "month"
                                                                       : "day";
        terms.emplace_back(schema_.field(field).prefix + period.compact_key());
    }
    if (terms.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query QueryBuilder::entity_filter(const std::string& value, const std::string& type) const {
    if (!gazetteer_)
        throw UsageError(
            "entity filters (person:, org:, place:, entity:, --entity) need the gazetteer "
            "(entities.xml) in the schema folder " +
            std::filesystem::path(schema_.path()).parent_path().string() +
            ": restore it from the release's schemas/, or search the name's words instead");
    // person:"" in syntax QuerySplitter leaves to QueryParser ("Kim AND person:\"\"").
    if (value.find_first_not_of(" \t\r\n") == std::string::npos)
        throw QuerySplitter::missing_value((type.empty() ? "entity" : type) + ":");
    std::vector<Xapian::Query> terms;
    std::string other_type;  // the type of a same-named entity of another type
    for (const Entity* e : gazetteer_->lookup_name(value)) {
        const std::string e_type(to_string(e->type));
        if (type.empty() || type == e_type)
            terms.emplace_back(schema_.entity_prefix(e_type) + std::string(e->id));
        else if (other_type.empty())
            other_type = e_type;
    }
    if (terms.empty() && !other_type.empty())
        throw UsageError("'" + value + "' is " + with_article(other_type) +
                         " in the gazetteer, not " + with_article(type) + ": write " + other_type +
                         ":\"" + value + "\" or entity:\"" + value + "\"");
    if (terms.empty())
        throw UsageError("no " + (type.empty() ? std::string("entity") : type) + " called '" +
                         value + "' in the gazetteer" + closest_names(value, type) +
                         " (try another spelling, or search the words)");
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::string QueryBuilder::closest_names(const std::string& value, const std::string& type) const {
    // The gazetteer's spellings nearest the value as folded (case, hyphens and spaces aside),
    // for a misspelt name or id: place:Pyongyng said only that no place was called so.
    const std::u32string typed = utf8::to_utf32(EntityTokenizer().folded_key(value));
    // Two characters are too few to guess from (person:Ri is no Xi).
    if (typed.size() < 3) return {};
    // At most one edit in four characters, and never more than three: Pyongyng, Kim Jong Unn,
    // kim-jong-unn, 김정운 are one edit away; a name of another shape gets no guess.
    const std::size_t allowed =
        std::min<std::size_t>(3, std::max<std::size_t>(1, typed.size() / 4));
    struct Near {
        std::size_t distance;
        Xapian::doccount articles;
        std::size_t entity;
        std::string alias;
    };
    std::map<std::size_t, Near> best;  // entity -> its nearest alias
    gazetteer_->for_each_alias([&](std::size_t entity, const EntityAlias& alias) {
        if (alias.before_place) return;  // no spelling of its entity alone (bare 경기)
        const std::u32string key = utf8::to_utf32(alias.folded_key);
        const std::size_t gap =
            key.size() > typed.size() ? key.size() - typed.size() : typed.size() - key.size();
        if (gap > allowed) return;
        const std::size_t d = edit_distance(std::u32string_view(typed), std::u32string_view(key));
        if (d > allowed) return;
        const auto it = best.find(entity);
        if (it == best.end() || d < it->second.distance)
            best[entity] = Near{d, 0, entity, std::string(alias.text)};
    });
    std::vector<Near> near;
    for (auto& [index, n] : best) {
        const Entity& e = gazetteer_->entity(index);
        const std::string e_type(to_string(e.type));
        if (!type.empty() && e_type != type) continue;
        n.articles = db_.get_termfreq(schema_.entity_prefix(e_type) + std::string(e.id));
        near.push_back(n);
    }
    if (near.empty()) return {};
    // Only the nearest (Kim Jong Unn is Kim Jong-un, not Kim Jong-il three edits away), the
    // most written about first.
    std::sort(near.begin(), near.end(), [](const Near& a, const Near& b) {
        if (a.distance != b.distance) return a.distance < b.distance;
        if (a.articles != b.articles) return a.articles > b.articles;
        return a.entity < b.entity;
    });
    const std::size_t nearest = near.front().distance;
    std::erase_if(near, [&](const Near& n) { return n.distance > nearest; });
    constexpr std::size_t kListed = 3;
    std::string out = "; did you mean ";
    for (std::size_t i = 0; i < near.size() && i < kListed; ++i) {
        if (i > 0) out += i + 1 == std::min(near.size(), kListed) ? " or " : ", ";
        out += (type.empty() ? std::string() : type + ":") + '"' + near[i].alias + '"';
    }
    return out + "?";
}

std::string QueryBuilder::quote_bracketed_names(const std::string& text) const {
    // A gazetteer name written with brackets (CPI(M), Communist Party of India (Marxist)) is
    // the name, as in quotes: unquoted, its brackets sent the query to QueryParser, which
    // searched its words apart (CPI(M) found 2 of the archive's 23 articles on the party,
    // among 221 holding cpi or m, and the facet row's name typed back 20,530).
    if (!names_ || text.find('(') == std::string::npos) return text;
    std::string out;
    std::size_t at = 0;
    for (const EntityMention& m : names_->find_mentions(text)) {
        if (m.begin < at) continue;
        std::size_t end = m.end;
        auto opens = std::count(text.begin() + static_cast<long>(m.begin),
                                text.begin() + static_cast<long>(end), '(');
        if (opens == 0) continue;
        auto closes = std::count(text.begin() + static_cast<long>(m.begin),
                                 text.begin() + static_cast<long>(end), ')');
        // The matcher's mention ends with the name's last word, before a closing bracket.
        while (closes < opens && end < text.size() && text[end] == ')') {
            ++end;
            ++closes;
        }
        // Only a whole bracket, outside a quoted phrase.
        if (closes != opens ||
            std::count(text.begin(), text.begin() + static_cast<long>(m.begin), '"') % 2 != 0)
            continue;
        out.append(text, at, m.begin - at);
        out += '"';
        out.append(text, m.begin, end - m.begin);
        out += '"';
        at = end;
    }
    out.append(text, at, std::string::npos);
    return out;
}

std::vector<std::string> QueryBuilder::filter_fields() const {
    std::vector<std::string> names{"date"};
    for (const auto& f : schema_.fields())
        if (is_filter_field(f)) names.push_back(f.name);
    // Without a gazetteer too: person:Kim is then an error saying so, not two words.
    names.insert(names.end(), {"person", "org", "place", "entity"});
    return names;
}

QueryRewriter QueryBuilder::rewriter() const {
    QueryRewriter rewriter(db_, stemmer_, names_, thesaurus_);
    rewriter.set_year_prefix(schema_.field("year").prefix);
    rewriter.set_month_prefix(schema_.field("month").prefix);
    rewriter.set_word_start_prefix(schema_.word_start_prefix());
    for (const EntityType type : {EntityType::person, EntityType::org, EntityType::place})
        rewriter.set_entity_prefix(type, schema_.entity_prefix(to_string(type)));
    // The articles of a rule's source: those holding every one of its source terms.
    const auto of_source = [](const std::vector<std::string>& terms) {
        return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
    };
    std::vector<QueryRewriter::Collection> collections;
    for (const CollectionSpec& spec : schema_.collections()) {
        QueryRewriter::Collection c;
        c.articles = of_source(spec.source_terms);
        c.words = spec.words;
        c.origin = spec.origin;
        c.factor = spec.factor;
        collections.push_back(std::move(c));
    }
    rewriter.set_collections(std::move(collections));
    std::vector<QueryRewriter::OwnPress> own_press;
    for (const OwnPressSpec& spec : schema_.own_press())
        own_press.push_back({of_source(spec.source_terms), spec.name, spec.word});
    rewriter.set_own_press(std::move(own_press));
    std::vector<QueryRewriter::Domestic> domestic;
    for (const DomesticSpec& spec : schema_.domestic())
        domestic.push_back(
            {Xapian::Query(Xapian::Query::OP_OR, spec.terms.begin(), spec.terms.end()),
             spec.place});
    rewriter.set_domestic(std::move(domestic));
    return rewriter;
}

RankedQuery QueryBuilder::parse_text(const std::string& typed, TextMatch match) const {
    // As the indexer normalises articles (TextNormalizer): ３ is 3.
    // A phrase in single quotes is a phrase, as in double quotes ('our state-first principle').
    // A ~ inside a word is a range (1950~70년대), not QueryParser's synonym operator.
    const QuerySplitter splitter(filter_fields());
    const std::string folded = quote_bracketed_names(
        splitter.ranges_as_gaps(QuerySplitter::single_quotes_as_double(utf8::fold_width(typed))));
    // QueryParser alone closes an open bracket at the end and searched "(missile OR rocket".
    if (const auto bracket = QuerySplitter::unbalanced_bracket(folded))
        throw UsageError(syntax_error(typed, *bracket));
    // QueryParser reads NEAR/0, NEAR/3x or ADJ/ as words and searched any of them.
    if (const auto window = QuerySplitter::unusable_window(folded))
        throw UsageError(syntax_error(typed, *window));
    std::vector<std::string> fields;  // the text fields, then the filters: as --help lists them
    for (const auto& f : schema_.fields())
        if (f.kind == FieldKind::text && !f.prefix.empty()) fields.push_back(f.name);
    for (std::string& f : filter_fields()) fields.push_back(std::move(f));
    const std::string unbracketed =
        splitter.unbracket_values(QuerySplitter::lowered_field_names(folded, fields));
    // QueryParser reads a field it does not know as words (titel:missile: the phrase "titel
    // missile", no match) and Yalu's internal ones as what they are (yalu_evidence:UN matched
    // every article): an error naming it, as an unknown entity or language is.
    if (const auto unknown = QuerySplitter::unknown_field(unbracketed, fields))
        throw UsageError(*unknown);
    // A filter value with brackets of its own (id:report(1)) in quotes: QueryParser cuts an
    // unquoted one at its ')' and looked up id:report(1.
    const std::string text = splitter.quote_bracketed_values(unbracketed);
    const bool all_terms = match.all_terms;
    QueryRewriter rewriter = this->rewriter();
    // Plain words get the measured ranking (docs/RELEVANCE.md); so do the words around
    // "quoted phrases" and filter clauses (date:2022, person:...), which become filters. Other
    // syntax (AND/OR/NOT, brackets, title:, +/-, wildcards) goes to QueryParser as a whole.
    const auto parts = splitter.split(text);
    // A filter clause beside the words filters the whole query, as in plain queries: QueryParser
    // alone binds it to the words next to it (missile OR rocket date:2012 found every missile
    // article, tractor NOT steel year:2012 left out only 2012's steel articles).
    const QueryParts lifted = parts ? QueryParts{text, {}} : splitter.lift_filters(text);
    // The clauses as one filter, parsed as QueryParser's syntax.
    const auto filter_of = [&](const std::vector<std::string>& filters) {
        std::string clauses;
        for (const auto& clause : filters) clauses += clause + " ";
        return parse_syntax(clauses, all_terms, typed);
    };
    // Plain words beside filter clauses joined by operators (missile date:2012 OR date:2013)
    // rank as plain words do, the clauses filtering them as one (QuerySplitter::lift_filters).
    std::optional<QueryParts> ranked = parts;
    if (!parts) {
        if (auto rest = splitter.split(lifted.words);
            rest && !lifted.filters.empty() && !rest->words.empty()) {
            rest->filters.insert(rest->filters.begin(), lifted.filters.begin(),
                                 lifted.filters.end());
            ranked = std::move(rest);
        }
    }
    if (ranked) {
        RankedQuery rewritten = rewriter.rewrite_ranked(ranked->words, all_terms);
        rewritten.blend = plain_reading(ranked->words);
        if (!rewritten.match.empty()) {
            if (ranked->filters.empty()) return rewritten;
            const Xapian::Query filter = filter_of(ranked->filters);
            rewritten.match = Xapian::Query(Xapian::Query::OP_FILTER, rewritten.match, filter);
            if (!rewritten.blend.empty())
                rewritten.blend = Xapian::Query(Xapian::Query::OP_FILTER, rewritten.blend, filter);
            return rewritten;
        }
    }
    // QueryParser's own query would make snippets mark every Hangul syllable: mark the words
    // the syntax searches for instead, as for plain words.
    // Filters alone, joined by operators (date:2012 OR date:2013): every article passing them.
    const bool filters_only = lifted.words.find_first_not_of(" \t\r\n") == std::string::npos;
    RankedQuery parsed(filters_only ? Xapian::Query(Xapian::Query::MatchAll)
                                    : parse_syntax(lifted.words, all_terms, typed));
    if (!lifted.filters.empty())
        parsed.match =
            Xapian::Query(Xapian::Query::OP_FILTER, parsed.match, filter_of(lifted.filters));
    // Filter clauses alone (lang:ko year:2012) search no word: browse mode, as filter options.
    parsed.browse = (parts && parts->words.empty()) || filters_only;
    if (const std::string words = searched_words(lifted.words); !words.empty()) {
        RankedQuery plain = rewriter.rewrite_ranked(words, false);
        parsed.snippet = std::move(plain.snippet);
        parsed.marked_words = std::move(plain.marked_words);
    }
    return parsed;
}

Xapian::Query QueryBuilder::plain_reading(const std::string& words) const {
    // Measured on Latin-script queries only: blending lowered Korean (docs/RELEVANCE.md).
    if (utf8::has_cjk(words)) return Xapian::Query();
    Xapian::QueryParser qp;
    qp.set_database(db_);
    qp.set_stemmer(stemmer_);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    try {
        return qp.parse_query(words);
    } catch (const Xapian::QueryParserError&) {
        return Xapian::Query();  // no blend: the ranked query alone
    }
}

Xapian::Query QueryBuilder::parse_syntax(const std::string& text, bool all_terms,
                                         std::string_view typed) const {
    Xapian::QueryParser qp;
    qp.set_database(db_);
    qp.set_stemmer(stemmer_);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(all_terms ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
    const auto failure = std::make_shared<std::exception_ptr>();
    for (const auto& f : schema_.fields()) {
        if (f.kind == FieldKind::text && !f.prefix.empty()) {
            // "title: missile": QueryParser would search the word "title"; the user meant the
            // field and gave it no word (filter fields are caught by QuerySplitter).
            if (has_empty_clause(text, f.name))
                throw UsageError("'" + f.name + ":' needs its word right after the colon (" +
                                 f.name + ":missile, " + f.name + ":\"Yalu River\")");
            qp.add_prefix(f.name, f.prefix);
        }
        if (!is_filter_field(f)) continue;
        if (f.from == "lang" || f.from == "date") {
            // A value that is no language code or year is an error, not a search for nothing.
            qp.add_boolean_prefix(
                f.name, (new FilterFieldProcessor(
                             [this, &f](const std::string& v) {
                                 const std::string value = checked_filter_value(f, v);
                                 return Xapian::Query(f.from == "lang"
                                                          ? held_language_term(db_, f, value)
                                                          : f.prefix + value);
                             },
                             failure))
                            ->release());
            continue;
        }
        if (f.from == "url") {
            // As the index writes it: site:KCNA.kp, site:www.kcna.kp and a whole address
            // (site:https://kcna.kp/en) are the site kcna.kp.
            qp.add_boolean_prefix(
                f.name, (new FilterFieldProcessor(
                             [this, &f](const std::string& v) {
                                 return Xapian::Query(held_site_term(db_, f, url::site(v)));
                             },
                             failure))
                            ->release());
            continue;
        }
        qp.add_boolean_prefix(f.name, f.prefix);
    }
    qp.add_boolean_prefix("date", (new FilterFieldProcessor(
                                       [this](const std::string& v) {
                                           return date_filter(DatePeriod::parse_range(v, "date:"));
                                       },
                                       failure))
                                      ->release());
    for (const std::string type : {"person", "org", "place", ""}) {
        auto fp = new FilterFieldProcessor(
            [this, type](const std::string& v) { return entity_filter(v, type); }, failure);
        // Not exclusive: an article has many entities, so repeated filters AND together.
        qp.add_boolean_prefix(type.empty() ? "entity" : type, fp->release(), false);
    }
    const std::vector<std::string> filters = filter_fields();
    const auto is_filter = [&](std::string_view name) {
        return name == kEvidencePrefix || name == kNamePrefix ||
               std::find(filters.begin(), filters.end(), name) != filters.end();
    };
    // UN, US, 평양: filtered by the articles that name them, as plain words are.
    Vouchers vouchers;
    // Only exclusions ("-missile", "-평양 -UN"): Xapian 1.4 would read them as plain words, so
    // they are given as NOT with nothing before it, which means what they mean. Before names are
    // vouched for: "-(평양 yalu_evidence:평양)" is no chunk of exclusions any more.
    const std::string negated = exclusions_as_not(text);
    const QueryRewriter words = rewriter();
    const auto text_prefix = [this](std::string_view name) {
        const FieldSpec* f = schema_.find_field(name);
        return f && f->kind == FieldKind::text ? f->prefix : std::string();
    };
    const std::string& syntax = negated.empty() ? text : negated;  // the user's, before Yalu's
    const std::string vouched = phrase_hangul_words(
        vouch_names(syntax, words, is_filter, text_prefix, vouchers), is_filter, words);
    qp.add_boolean_prefix(std::string(kEvidencePrefix),
                          (new FilterFieldProcessor(
                               [&vouchers](const std::string& v) {
                                   const auto it = vouchers.evidence.find(v);
                                   return it == vouchers.evidence.end() ? Xapian::Query::MatchAll
                                                                        : it->second;
                               },
                               failure))
                              ->release());
    qp.add_prefix(std::string(kNamePrefix), (new FilterFieldProcessor(
                                                 [&vouchers](const std::string& v) {
                                                     const auto it = vouchers.names.find(v);
                                                     return it == vouchers.names.end()
                                                                ? Xapian::Query::MatchNothing
                                                                : it->second;
                                                 },
                                                 failure))
                                                ->release());
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM |
                           Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_WILDCARD;
    const auto read_as_words = [&] {
        const std::string chunk = unreadable_chunk(typed);
        if (!chunk.empty())
            return UsageError(syntax_error(
                typed, "'" + chunk +
                           "' has nothing to apply to (a - or + goes right before a word or "
                           "phrase, AND or OR between two), and Xapian's QueryParser would "
                           "search every word instead"));
        // QueryParser joins single terms with NEAR and ADJ: a phrase, a Hangul word (a phrase
        // of its syllables), an acronym filtered by its entity (UN) or brackets beside them
        // make it read the query as words. Said so, not as a missing operand.
        const auto chunks = chunks_of(typed);
        if (std::any_of(chunks.begin(), chunks.end(), [](std::string_view c) {
                return QuerySplitter::is_operator(c) &&
                       (c.starts_with("NEAR") || c.starts_with("ADJ"));
            }))
            return UsageError(syntax_error(
                typed,
                "NEAR and ADJ join two single words (missile NEAR/3 rocket), and Xapian's "
                "QueryParser cannot join a phrase, a Hangul word (a phrase of its syllables), "
                "an acronym such as UN (filtered by its entity) or brackets so; use AND"));
        return UsageError(
            syntax_error(typed,
                         "Xapian's QueryParser cannot read its operators (an AND, OR or - "
                         "with nothing to apply to?) and would search every word instead"));
    };
    // A sign glued to another before a word ("+-missile", "++missile"): QueryParser reads the
    // word as if unsigned, so "+-missile" searched missile, the word it meant to leave out,
    // where "-+missile" is an error: each is a sign with nothing to apply to. So is a lone sign
    // between words ("missile - launch"), which QueryParser dropped: missile launch.
    for (const std::string_view chunk : chunks_of(syntax))
        if (is_stray_sign(chunk)) throw read_as_words();
    try {
        // Whether the query is valid is the user's syntax's, whatever script its words are in:
        // the brackets and phrases Yalu writes around names and Hangul words (and the retry
        // below) made QueryParser's reading differ from the plain one, so "--all missile 김정은"
        // and "-- missile 평양" were searched where "--all missile" is an error. So the syntax
        // as typed is judged first, with Latin words in place of the CJK ones.
        if (const std::string skeleton = latin_skeleton(syntax, is_filter); skeleton != vouched) {
            const Xapian::Query shape = qp.parse_query(skeleton, flags);
            if (*failure) std::rethrow_exception(*failure);
            if (read_as_plain_words(qp, skeleton, shape)) throw read_as_words();
        }
        std::string read = vouched;  // what QueryParser parses
        Xapian::Query parsed;
        try {
            parsed = qp.parse_query(read, flags);
        } catch (const Xapian::QueryParserError&) {
            // Xapian 1.4.22 fails on a Hangul/CJK word between other words ("kim 김정은 visit
            // NOT missile", "CES 피지컬 AI") and reads it in brackets: try that before
            // calling the query wrong. A true syntax error fails again, and is reported.
            std::string bracketed = bracket_cjk_words(read, is_filter);
            if (bracketed == read) throw;
            *failure = nullptr;
            parsed = qp.parse_query(bracketed, flags);
            read = std::move(bracketed);
        }
        if (*failure) std::rethrow_exception(*failure);
        if (read_as_plain_words(qp, read, parsed)) throw read_as_words();
        return parsed;
    } catch (const Xapian::QueryParserError& e) {
        throw UsageError(
            syntax_error(typed, syntax_problem(typed, e.get_msg()) +
                                    " (quote phrases with \", write AND/OR/NOT in capitals)"));
    }
}

bool QueryBuilder::names_place(const SearchRequest& request) const {
    if (!names_) return false;
    // "place:Japan" and "Kim Jong Un in Japan" alike: the matcher finds names in any syntax.
    for (const EntityMention& m : names_->find_mentions(request.query))
        if (m.entity->type == EntityType::place) return true;
    for (const auto& value : request.entities)
        for (const Entity* e : gazetteer_->lookup_name(value))
            if (e->type == EntityType::place) return true;
    return false;
}

RankedQuery QueryBuilder::build(const SearchRequest& request) const {
    std::vector<Xapian::Query> filters;
    if (request.dates.from || request.dates.to) filters.push_back(date_filter(request.dates));
    for (const auto& name : request.entities) filters.push_back(entity_filter(name, ""));
    for (const auto& f : request.filters)
        filters.push_back(parse_text(f, {.all_terms = true}).combined());

    // Matching grows faster than the query: 1,200 Korean words took 13 s and 822 MB.
    if (const std::size_t words = chunks_of(request.query).size(); words > kMaxQueryWords)
        throw UsageError("query too long: " + std::to_string(words) + " words, at most " +
                         std::to_string(kMaxQueryWords) +
                         " (search for the passage's key words or a quoted phrase of it)");
    if (const std::size_t characters = utf8::length(request.query);
        characters > kMaxQueryCharacters)
        throw UsageError("query too long: " + std::to_string(characters) + " characters, at most " +
                         std::to_string(kMaxQueryCharacters) +
                         " (search for the passage's key words or a quoted phrase of it)");
    // No letter or digit at all ("", "!!!", "…"): nothing to search for; with a filter, browse.
    bool blank = true;
    for (std::size_t pos = 0; blank && pos < request.query.size();)
        blank =
            !Xapian::Unicode::is_wordchar(static_cast<unsigned>(utf8::next(request.query, pos)));
    if (blank && filters.empty())
        throw UsageError(
            "empty query: give words to search for, or a filter such as --from 2022 "
            "to browse");
    // A date order has no score to put articles holding every word first, so there every word
    // is required (as --all): otherwise any article with one of the words would be listed.
    const bool all_terms = request.all_terms || request.sort != SortOrder::relevance;
    RankedQuery query =
        blank ? RankedQuery(Xapian::Query::MatchAll) : parse_text(request.query, {all_terms});
    query.browse = query.browse || blank;
    // Only a ranked query has an order to adjust; one that says where it is about overrides
    // the archive's home.
    const auto& home = schema_.home();
    if (!blank && home.factor > 1 && !names_place(request)) {
        query.factors.push_back(
            {"home",
             Xapian::Query(Xapian::Query::OP_OR, home.terms.begin(), home.terms.end()),
             home.factor,
             {}});
    }
    if (!query.periods.empty()) {
        query.factors.push_back({"date", query.periods, typed_period_factor, {}});
    }
    const auto& brief = schema_.brief();
    if (!blank && brief.factor < 1) {
        Xapian::Query briefs(Xapian::Query::OP_VALUE_LE, schema_.slot("length"),
                             Xapian::sortable_serialise(static_cast<double>(brief.below) - 1));
        if (!brief.terms.empty())
            briefs = Xapian::Query(
                Xapian::Query::OP_FILTER, briefs,
                Xapian::Query(Xapian::Query::OP_OR, brief.terms.begin(), brief.terms.end()));
        query.factors.push_back({"brief", briefs, brief.factor,
                                 "bodies under " + std::to_string(brief.below) + " characters" +
                                     (brief.scope.empty() ? "" : " (" + brief.scope + ")")});
    }
    if (filters.empty()) return query;
    // Filters carry no weight, so the bonus may stay outside them: (text FILTER f) AND_MAYBE
    // bonus ranks exactly as (text AND_MAYBE bonus) FILTER f.
    Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());
    query.match = Xapian::Query(Xapian::Query::OP_FILTER, query.match, filter);
    if (!query.blend.empty())
        query.blend = Xapian::Query(Xapian::Query::OP_FILTER, query.blend, filter);
    return query;
}

}  // namespace yalu
