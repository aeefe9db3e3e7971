#pragma once
// FacetValue: the per-document value that date histograms and entity facets are counted from.
//
// Encoding (value slot "facets"): "YYYYMMDD" (or "" when undated), then "\n" + id for each
// entity. One slot holding both lets Xapian's built-in ValueCountMatchSpy count the whole
// matching set once, for histograms, facets and facets per period alike; being built in, it
// also works across remote shards (xapian-tcpsrv knows it).

#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// The decoded facets value of one document.
struct FacetValue {
    std::string date;                   ///< "YYYYMMDD" or empty
    std::vector<std::string> entities;  ///< gazetteer ids

    /// The slot encoding described above.
    [[nodiscard]] std::string encode() const;
    /// Parses the slot encoding (an empty string gives an empty value).
    [[nodiscard]] static FacetValue decode(std::string_view value);
};

}  // namespace yalu
