#pragma once
// SearchResult: what a search returns, independent of how it is printed.

#include <string>
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
    unsigned rank = 0;      ///< 1-based position in the whole result list
    std::string id;         ///< article id
    double score = 0;       ///< Xapian weight
    std::string date;       ///< "YYYY-MM-DD" or empty
    std::string title;      ///< headline
    std::string source;     ///< publication
    std::string url;        ///< link
    std::string byline;     ///< author names
    std::string snippet;    ///< best passage, XML-escaped, matches wrapped in <b>…</b>
    std::vector<HitEntity> entities;  ///< entities found in the article
};

/// The answer to a SearchRequest.
struct SearchResult {
    std::string query;        ///< the query string as given
    std::string description;  ///< Xapian's description of the parsed query (for --explain)
    unsigned long total = 0;  ///< Xapian's estimate of all matches
    unsigned offset = 0;      ///< results skipped
    std::vector<Hit> hits;    ///< this page
};

}  // namespace yalu
