#pragma once
// SearchRequest: one query as yalu-search's options describe it.

#include "date_period.hpp"

#include <optional>
#include <string>
#include <vector>

namespace yalu {

/// The shortest snippet asked for, in characters: Xapian cuts a shorter one inside the words
/// (--snippet 5 gave "."), with no room for a marked one ("denuclearization" is 16).
inline constexpr unsigned kMinSnippetChars = 20;

/// Result order.
enum class SortOrder {
    relevance,  ///< best score first (ties: index order)
    newest,     ///< latest date first, undated last
    oldest,     ///< earliest date first, undated last
};

/// What to search for and how to present it.
struct SearchRequest {
    std::string query;                      ///< query string (may be empty when filters are given)
    DateRange dates;                        ///< --from/--to/--since filter (open ends allowed)
    std::vector<std::string> entities;      ///< --entity NAME filters, ANDed (any alias or id)
    std::vector<std::string> filters;       ///< extra "field:value" boolean filters, ANDed
    SortOrder sort = SortOrder::relevance;  ///< result order
    bool all_terms = false;                 ///< --all: every word required (default: ranked OR)
    unsigned offset = 0;                    ///< results to skip
    unsigned limit = 10;                    ///< results to return (0: count them only, exactly)
    unsigned snippet_chars = 200;           ///< snippet characters (0: none, else >= 20)
    bool exact_total = false;               ///< count every match exactly instead of estimating
    bool facets = false;                    ///< count entities over the whole matching set
    unsigned facet_limit = 10;              ///< entities shown per type
    std::optional<Granularity> histogram;   ///< count matches per year, month or day
    double recency_half_life_days = 0;      ///< >0: date decay (--recency); a browse: newest first
    bool collapse = false;  ///< show one version of each story (StoryFolder), the best ranked
    bool explain = false;   ///< describe the parsed query (SearchResult::description, --explain)
};

}  // namespace yalu
