#pragma once
// FacetCounter: turns the counted facets values of a matching set into entity facets, a date
// histogram and per-period facets.

#include "date_period.hpp"
#include "search_result.hpp"

#include <map>
#include <optional>
#include <string>

namespace yalu {

class Gazetteer;

/// What to aggregate.
struct FacetSettings {
    bool facets = false;                   ///< top entities per type
    unsigned limit = 10;                   ///< entities per type (and per period)
    std::optional<Granularity> histogram;  ///< periods to count, if any
    DateRange span;  ///< days the histogram covers beyond the matches' (the date filter's ends)
};

/// Aggregates {encoded facets value -> number of matching documents} (what Xapian's
/// ValueCountMatchSpy collects) into facets and histograms. Pure: unit-testable.
class FacetCounter {
public:
    /// `gazetteer` (may be null) gives types and names; it must outlive the counter.
    FacetCounter(const Gazetteer* gazetteer, FacetSettings settings);

    /// Fills result.facets, result.histogram and result.undated from the counted values.
    void aggregate(const std::map<std::string, unsigned long>& value_counts,
                   SearchResult& result) const;

private:
    // Whether each id's display name is a filter value for it alone, filled as ids are listed.
    using NameUse = std::map<std::string, bool, std::less<>>;

    [[nodiscard]] Facets top(const std::map<std::string, unsigned long>& entity_counts,
                             NameUse& unique_names) const;

    const Gazetteer* gazetteer_;
    FacetSettings settings_;
};

}  // namespace yalu
