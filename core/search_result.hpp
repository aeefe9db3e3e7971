#pragma once
// SearchResult: what a search returns, independent of how it is printed.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yalu {

/// An entity attached to a hit.
struct HitEntity {
    std::string id;    ///< gazetteer id
    std::string type;  ///< person, org or place
    std::string name;  ///< display name
};

/// One ranked result.
struct Hit {
    unsigned rank = 0;                ///< 1-based position in the whole result list
    std::string id;                   ///< article id
    double score = 0;                 ///< Xapian weight
    std::string date;                 ///< "YYYY-MM-DD" or empty
    std::string title;                ///< headline
    std::string source;               ///< publication
    std::string url;                  ///< link
    std::string byline;               ///< author names
    std::string snippet;              ///< best passage, XML-escaped, matches wrapped in <b>…</b>
    std::vector<HitEntity> entities;  ///< entities found in the article
};

/// One entity's count over a matching set.
struct FacetCount {
    std::string id;           ///< gazetteer id
    std::string name;         ///< display name
    unsigned long count = 0;  ///< matching articles that mention it
    /// The name alone names other entities too (homonyms such as two Ri Yong-ho): the text
    /// output adds the id, which filters by this entity alone.
    bool shared_name = false;
};

/// Top entities per type ("person", "org", "place"), most frequent first.
struct Facets {
    std::vector<std::pair<std::string, std::vector<FacetCount>>> by_type;  ///< in type order
};

/// One period of a histogram.
struct PeriodCount {
    std::string period;       ///< "2022", "2022-01" or "2022-01-17"
    unsigned long count = 0;  ///< matching articles dated in it
    Facets facets;            ///< top entities of the period (with --facets)
};

/// The answer to a SearchRequest.
struct SearchResult {
    std::string query;             ///< the query string as given
    std::string description;       ///< Xapian's description of the parsed query (--explain only)
    unsigned long total = 0;       ///< Xapian's estimate of all matches
    unsigned offset = 0;           ///< results skipped
    bool count_only = false;       ///< SearchRequest::limit was 0: `total` and no page
    std::vector<Hit> hits;         ///< this page
    bool exact = false;            ///< `total` is an exact count (facets, histograms, --exact)
    std::optional<Facets> facets;  ///< with SearchRequest::facets
    std::optional<std::vector<PeriodCount>> histogram;  ///< with SearchRequest::histogram
    unsigned long undated = 0;  ///< matches without a date (not in the histogram)
    /// With SearchRequest::collapse: the versions of stories left out up to this page's end.
    std::optional<unsigned> folded;
    /// Query words no article holds and the spelling searched instead (Geomdeok, Komdok).
    std::vector<std::pair<std::string, std::string>> respelled;
};

}  // namespace yalu
