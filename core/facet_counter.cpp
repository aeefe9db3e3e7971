#include "facet_counter.hpp"

#include "entity.hpp"
#include "errors.hpp"
#include "facet_value.hpp"
#include "gazetteer.hpp"

#include <algorithm>

namespace yalu {
namespace {

Date date_of(const std::string& compact) {
    return Date{std::stoi(compact.substr(0, 4)), std::stoi(compact.substr(4, 2)),
                std::stoi(compact.substr(6, 2))};
}

// More rows than any chart can show: a day histogram over 270 years. A far-off date (a typo
// such as 2202) would otherwise fill it with millions of empty days.
constexpr long kMaxHistogramRows = 100000;

// How many periods of `granularity` lie from `first` to `last`, both included.
long period_count(const Date& first, const Date& last, Granularity granularity) {
    switch (granularity) {
        case Granularity::year:
            return last.year - first.year + 1;
        case Granularity::month:
            return (last.year - first.year) * 12L + (last.month - first.month) + 1;
        case Granularity::day:
            return last.days_since_epoch() - first.days_since_epoch() + 1;
    }
    return 0;
}

}  // namespace

FacetCounter::FacetCounter(const Gazetteer* gazetteer, FacetSettings settings)
    : gazetteer_(gazetteer), settings_(settings) {}

Facets FacetCounter::top(const std::map<std::string, unsigned long>& entity_counts,
                         NameUse& unique_names) const {
    Facets out;
    for (const char* type : {"person", "org", "place"}) {
        std::vector<FacetCount> list;
        for (const auto& [id, count] : entity_counts) {
            const auto e = gazetteer_ ? gazetteer_->label(id) : std::nullopt;
            // Ids the gazetteer no longer knows (index older than the gazetteer) are skipped.
            if (e && to_string(e->type) == type)
                list.push_back({id, std::string(e->name), count, false});
        }
        // Most frequent first; ties by name, then id (homonyms), so output is stable across runs.
        std::sort(list.begin(), list.end(), [](const FacetCount& a, const FacetCount& b) {
            if (a.count != b.count) return a.count > b.count;
            return a.name != b.name ? a.name < b.name : a.id < b.id;
        });
        if (list.size() > settings_.limit) list.resize(settings_.limit);
        // A name that --entity reads as several entities (two people called Ri Yong-ho) would
        // count more than the row shows; the output then gives the id, which counts the row.
        // Looked up once per id: a day histogram lists the same people in every period.
        for (auto& f : list) {
            auto [it, fresh] = unique_names.try_emplace(f.id, true);
            if (fresh) {
                const auto named = gazetteer_->lookup(f.name);
                it->second = named.size() == 1 && named.front()->id == f.id;
            }
            f.shared_name = !it->second;
        }
        out.by_type.emplace_back(type, std::move(list));
    }
    return out;
}

void FacetCounter::aggregate(const std::map<std::string, unsigned long>& value_counts,
                             SearchResult& result) const {
    std::map<std::string, unsigned long> entity_counts;
    std::map<std::string, unsigned long> period_counts;
    std::map<std::string, std::map<std::string, unsigned long>> period_entities;
    std::optional<Date> first, last;
    unsigned long dated = 0;
    for (const auto& [encoded, count] : value_counts) {
        const FacetValue v = FacetValue::decode(encoded);
        if (settings_.facets)
            for (const auto& id : v.entities) entity_counts[id] += count;
        if (!settings_.histogram) continue;
        if (v.date.size() != 8) continue;
        dated += count;
        const Date d = date_of(v.date);
        if (!first || d < *first) first = d;
        if (!last || d > *last) last = d;
        const std::string key = DatePeriod::period_key(d, *settings_.histogram);
        period_counts[key] += count;
        if (settings_.facets)
            for (const auto& id : v.entities) period_entities[key][id] += count;
    }
    NameUse unique_names;
    if (settings_.facets) result.facets = top(entity_counts, unique_names);
    if (!settings_.histogram) return;
    // An undated article without entities has no facets value at all, so the spy never sees
    // it: the undated are the (exact) matches the dated ones leave over.
    result.undated = result.total > dated ? result.total - dated : 0;
    std::vector<PeriodCount> histogram;
    if (first) {
        // A date filter's ends widen the chart: the empty months before the first match of
        // the range asked for are part of its story.
        if (settings_.span.from && *settings_.span.from < *first) first = settings_.span.from;
        if (settings_.span.to && *settings_.span.to > *last) last = settings_.span.to;
        if (const long rows = period_count(*first, *last, *settings_.histogram);
            rows > kMaxHistogramRows)
            throw UsageError("the histogram would have " + std::to_string(rows) + " rows (" +
                             first->iso() + " to " + last->iso() +
                             ": is a date in the index a typo?); narrow it with --from/--to, "
                             "or count by month or year");
        // Every period between the first and last, empty ones as zero.
        for (const auto& key : DatePeriod::periods_between(*first, *last, *settings_.histogram)) {
            PeriodCount p{key, 0, {}};
            if (const auto it = period_counts.find(key); it != period_counts.end())
                p.count = it->second;
            if (settings_.facets) p.facets = top(period_entities[key], unique_names);
            histogram.push_back(std::move(p));
        }
    }
    result.histogram = std::move(histogram);
}

}  // namespace yalu
