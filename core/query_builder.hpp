#pragma once
// QueryBuilder: query string + filters -> Xapian::Query, with every prefix taken from the schema.

#include "query_rewriter.hpp"
#include "ranked_query.hpp"
#include "schema.hpp"
#include "search_request.hpp"

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace yalu {

class EntityMatcher;
class Gazetteer;
class Thesaurus;

/// Turns a SearchRequest into a Xapian query: QueryParser with stemming, phrases, AND/OR/NOT,
/// field prefixes from the schema, `date:` ranges as boolean year/month/day terms, entity
/// filters. Throws UsageError on a syntax error or a bad filter.
class QueryBuilder {
public:
    /// `db` gives wildcard expansion and the date bounds for open ranges; `names` (the
    /// gazetteer's matcher) and
    /// `thesaurus` may be null. All must outlive the builder.
    QueryBuilder(const Schema& schema, const Xapian::Database& db, const EntityMatcher* names,
                 const Thesaurus* thesaurus = nullptr);

    /// The full query: parsed text filtered by every filter of the request, its phrase bonus
    /// apart (RankedQuery::combined() is the one-pass query), and the schema's score factors:
    /// briefs, and the home preference when the request names no place.
    [[nodiscard]] RankedQuery build(const SearchRequest& request) const;

    /// Boolean query matching exactly the articles dated inside `range` (open ends allowed).
    [[nodiscard]] Xapian::Query date_filter(const DateRange& range) const;

    /// The stemmer queries use (also needed for snippets).
    [[nodiscard]] const Xapian::Stem& stemmer() const { return stemmer_; }

private:
    /// A QueryRewriter set up with the schema's year and entity prefixes.
    [[nodiscard]] QueryRewriter rewriter() const;
    /// How a query's words match.
    struct TextMatch {
        bool all_terms = false;  ///< every word required (--all, date orders, filters)
    };
    [[nodiscard]] RankedQuery parse_text(const std::string& text, TextMatch match) const;
    /// `words` as plain Xapian reads them (QueryParser defaults); empty for Hangul (any CJK)
    /// or a parse error.
    [[nodiscard]] Xapian::Query plain_reading(const std::string& words) const;
    /// `text` parsed by QueryParser with the schema's prefixes, date: and the entity fields;
    /// a syntax error quotes `typed`, the whole query as the user wrote it.
    [[nodiscard]] Xapian::Query parse_syntax(const std::string& text, bool all_terms,
                                             std::string_view typed) const;
    /// The fields whose `field:value` clauses only filter (boolean fields, date:, entities).
    [[nodiscard]] std::vector<std::string> filter_fields() const;
    /// True when the query's words or entity filters name a place of the gazetteer.
    [[nodiscard]] bool names_place(const SearchRequest& request) const;
    [[nodiscard]] Xapian::Query entity_filter(const std::string& value,
                                              const std::string& type) const;
    /// `text` with each gazetteer name written with brackets (CPI(M)) outside a quoted phrase
    /// in quotes, so that it is the name, not QueryParser's brackets.
    [[nodiscard]] std::string quote_bracketed_names(const std::string& text) const;
    /// "; did you mean ...?" naming the gazetteer's spellings (of `type`, unless empty) a few
    /// edits from `value`, the nearest and most written about first; empty when none is near.
    [[nodiscard]] std::string closest_names(const std::string& value,
                                            const std::string& type) const;

    const Schema& schema_;
    const Xapian::Database& db_;
    const EntityMatcher* names_;
    const Gazetteer* gazetteer_;  // the matcher's, or null
    const Thesaurus* thesaurus_;
    Xapian::Stem stemmer_;
};

}  // namespace yalu
