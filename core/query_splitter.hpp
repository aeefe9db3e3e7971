#pragma once
// QuerySplitter: a query string -> its ranked words and its filter clauses, when that is all
// the syntax it holds.

#include "errors.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yalu {

/// A query string taken apart: what the ranked rewriter reads, and what only filters.
struct QueryParts {
    /// The words in their order, quoted phrases kept in straight quotes ("Yalu River").
    std::string words;
    /// The `field:value` clauses of filter fields, as written (date:2022-01..2022-03,
    /// person:"Kim Jong Un").
    std::vector<std::string> filters;
};

/// Splits a query made of plain words, "quoted phrases" and filter clauses (`date:`, `lang:`,
/// `person:` ...: fields that only restrict) so the words keep the measured ranking and the
/// clauses become filters; anything else QueryParser must read as a whole (AND/OR/NOT,
/// brackets, +/-, wildcards, text fields such as title:) makes split() give nullopt.
class QuerySplitter {
public:
    /// True for QueryParser's operator words (AND, OR, NOT, XOR, NEAR, ADJ; NEAR/3, ADJ/2).
    [[nodiscard]] static bool is_operator(std::string_view word);

    /// The length in bytes of the double quote mark at byte `at` of `text`: a straight quote or
    /// one of the curly ones QueryParser also reads as quotes (U+201C, U+201D); 0 if none.
    [[nodiscard]] static std::size_t quote_at(std::string_view text, std::size_t at);

    /// Where the phrase opened before byte `from` ends: the next quote mark, or the end of the
    /// text (QueryParser also closes an unbalanced quote there).
    [[nodiscard]] static std::size_t closing_quote(std::string_view text, std::size_t from);
    /// Just past the closing quote at `close` (text.size() when the quote was never closed).
    [[nodiscard]] static std::size_t past_quote(std::string_view text, std::size_t close);
    /// The end of a clause's value starting at `from`: past its quoted value, else at the first
    /// space or at a closing bracket that closes no '(' of the value's own (id:x(1) holds its
    /// brackets; (date:2012 OR date:2011) ends at the last ')').
    [[nodiscard]] static std::size_t value_end(std::string_view text, std::size_t from);

    /// `text` with each phrase in single quotes ('our state-first principle', ‘...’) in double
    /// quotes, which QueryParser and the rewriter read as a phrase. A quote mark opens only at
    /// the start of a word (after the start, a space or a bracket, or after a sign or a field's
    /// colon there: -'North Korea', title:'Yalu River') and closes only at the end of one
    /// (before the end, a space or punctuation), so apostrophes (Korea's, the workers' party,
    /// O'Brien) and a quoted Hangul word with its particle (‘두 국가론’에) stay as typed.
    [[nodiscard]] static std::string single_quotes_as_double(std::string_view text);

    /// `text` with each ~ inside a word (1950~70년대, 3~4일: a range) as a space, as the
    /// indexer reads it; QueryParser reads ~ as its synonym operator and failed on them. A ~
    /// before a word (~missile) stays the operator, and one in a filter clause's value
    /// (date:2011~2012, a range of dates) is its field's to read.
    [[nodiscard]] std::string ranges_as_gaps(std::string_view text) const;

    /// The error for filter clause `clause` ("person:") given no value: nothing after the
    /// colon, or an empty or blank quoted one (person:"", person:").
    [[nodiscard]] static UsageError missing_value(std::string_view clause);

    /// What is wrong with the brackets of `text` outside quoted phrases, as a message: the
    /// first ')' that closes no '(', else the first '(' left open, with its character position
    /// from 1 ("the '(' at character 1 has no ')'"); nullopt when they balance. QueryParser
    /// alone closes an open bracket at the end and reads a stray ')' as a parse error.
    [[nodiscard]] static std::optional<std::string> unbalanced_bracket(std::string_view text);

    /// What is wrong with the first NEAR/ or ADJ/ of `text` (outside quoted phrases, at the
    /// start of a word, in capitals) whose window is no number of words from 1 (NEAR/0,
    /// NEAR/3x, ADJ/, ADJ/-1), as a message naming it; nullopt when there is none. QueryParser
    /// reads such a chunk as plain words and searched "missile NEAR/3x rocket" as any of them.
    [[nodiscard]] static std::optional<std::string> unusable_window(std::string_view text);

    /// The error message for the first clause of `text` (outside quoted phrases) whose field
    /// is none of `fields` (titel:missile, foo:bar, an internal one: yalu_evidence:UN), naming
    /// it, the nearest known field and the known ones; nullopt when there is none. A field
    /// clause is ASCII letters or '_' where next_clause() finds one, a colon and its value right
    /// after it: 10:30, https://..., N.Korea:x and "Korea: x" hold none.
    [[nodiscard]] static std::optional<std::string> unknown_field(
        std::string_view text, const std::vector<std::string>& fields);

    /// `text` with each field name of `fields` written with capitals (Title:flood, LANG:ko,
    /// Person:"Kim Jong Un") in lower case, as QueryParser knows it: its field names are
    /// case-sensitive, so Title:flood searched the phrase "title flood" and Person:"..." the
    /// word person or the name. Only a name where next_clause() finds one, with its value right
    /// after the colon; quoted phrases stay as typed.
    [[nodiscard]] static std::string lowered_field_names(std::string_view text,
                                                         const std::vector<std::string>& fields);

    /// `filter_fields`: the field names whose clauses only filter.
    explicit QuerySplitter(std::vector<std::string> filter_fields);

    /// The parts of `text`, or nullopt when it holds syntax other than phrases and filters;
    /// throws UsageError for a filter field with no value ("date:", "lang: ko", person:"").
    [[nodiscard]] std::optional<QueryParts> split(std::string_view text) const;

    /// `text` with the brackets around a filter clause's value taken off (person:(Kim) is
    /// person:Kim, date:("2012") is date:"2012"), as a text field's words may stand in brackets
    /// (title:(flood)): QueryParser reads a filter's value up to the ')' and looked up "(Kim".
    /// Throws UsageError when the brackets hold more than one value (person:(Kim Jong Un)).
    [[nodiscard]] std::string unbracket_values(std::string_view text) const;

    /// `text` with each filter clause's unquoted value that holds brackets of its own (value_end():
    /// id:report(1), an id from the file report(1).txt) in double quotes (id:"report(1)"), as
    /// QueryParser reads it whole: unquoted, it cuts a filter's value at the first ')'. A value
    /// with a quote mark in it stays as typed.
    [[nodiscard]] std::string quote_bracketed_values(std::string_view text) const;

    /// For a query with other syntax: its filter clauses that stand outside brackets, without a
    /// sign and beside no operator word, taken out (`filters`) so they filter the whole query,
    /// not only the words next to them as QueryParser binds them (`a OR b date:2012` would be
    /// `a OR (b date:2012)`); `words` is the rest as written.
    [[nodiscard]] QueryParts lift_filters(std::string_view text) const;

private:
    /// The next place at or after `from`, outside quoted phrases, where a field clause may
    /// start, as QueryParser looks for a field (a name character starting a term: after a
    /// space, a bracket, a sign or other punctuation, not inside a word or a phrased term such
    /// as N.Korea), with the end of its run of name characters: {begin, colon}, text[colon] not
    /// necessarily ':'; {npos, npos} if none. The one walk of unknown_field(),
    /// lowered_field_names(), unbracket_values() and quote_bracketed_values().
    [[nodiscard]] static std::pair<std::size_t, std::size_t> next_clause(std::string_view text,
                                                                         std::size_t from);
    /// True when `name` is one of the filter fields this splitter was made with.
    [[nodiscard]] bool is_filter_field(std::string_view name) const;

    std::vector<std::string> filter_fields_;
};

}  // namespace yalu
