#pragma once
// DatePeriod: a whole year, month or day, and the date-range arithmetic the search options
// (--from/--to, --since, date:A..B) and the date histograms need.

#include "date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// How long a period is: a calendar year, a calendar month or one day.
enum class Granularity { year, month, day };

/// Which end of a range a bound text gives; decides how "2022" or "2022-02" is widened.
enum class RangeEnd {
    from,  ///< start: "2022" means 2022-01-01
    to,    ///< end: "2022" means 2022-12-31
};

/// An inclusive range of days; an empty end is open (no limit on that side).
struct DateRange {
    std::optional<Date> from;  ///< first day included, or open
    std::optional<Date> to;    ///< last day included, or open

    /// True when `date` lies inside the range (both ends included).
    [[nodiscard]] bool contains(const Date& date) const;
};

/// A whole year, month or day starting on `start`; static members parse date options and cover
/// ranges.
struct DatePeriod {
    Granularity granularity = Granularity::day;  ///< year, month or day
    Date start;  ///< first day: Jan 1 for a year, the 1st for a month

    /// The last day of the period (Dec 31, the month's last day, or `start` itself).
    [[nodiscard]] Date last() const;
    /// "2022", "2022-01" or "2022-01-17": the histogram label of the period.
    [[nodiscard]] std::string key() const;
    /// "2022", "202201" or "20220117": the suffix of the Y, M and D boolean date terms.
    [[nodiscard]] std::string compact_key() const;

    /// Member-wise order (granularity, then start); mainly for equality in tests.
    auto operator<=>(const DatePeriod&) const = default;

    /// The period of granularity `granularity` that contains `date`.
    [[nodiscard]] static DatePeriod containing(const Date& date, Granularity granularity);

    /// YYYY, YYYY-MM or YYYY-MM-DD as the first or last day per `end`; else UsageError naming
    /// `option`.
    [[nodiscard]] static Date parse_bound(std::string_view text, RangeEnd end,
                                          std::string_view option = {});

    /// "A..B", "..B", "A.." or one bound meaning that whole period; UsageError on bad bounds or
    /// from > to.
    [[nodiscard]] static DateRange parse_range(std::string_view text,
                                               std::string_view option = "date:");

    /// `today` minus "7d", "4w", "6m" or "1y" (calendar months, day clamped); UsageError otherwise.
    [[nodiscard]] static Date parse_relative(std::string_view text, const Date& today,
                                             std::string_view option = "--since");

    /// The days `--since TEXT` means: from parse_relative()'s start to tomorrow (some time
    /// zone's today, as yalu-index counts it), so an article dated later (a typo such as 2999)
    /// is no recent article; UsageError as parse_relative().
    [[nodiscard]] static DateRange parse_since(std::string_view text, const Date& today,
                                               std::string_view option = "--since");

    /// The current calendar date in the local time zone, read from the system clock.
    [[nodiscard]] static Date today();

    /// The fewest whole years, months and days exactly covering [from, to], in order; empty if from
    /// > to.
    [[nodiscard]] static std::vector<DatePeriod> cover(const Date& from, const Date& to);

    /// The label of the period containing `date`: "2022", "2022-01" or "2022-01-17".
    [[nodiscard]] static std::string period_key(const Date& date, Granularity granularity);

    /// Every label from `first`'s period to `last`'s, inclusive (histograms show empty periods as
    /// 0).
    [[nodiscard]] static std::vector<std::string> periods_between(const Date& first,
                                                                  const Date& last,
                                                                  Granularity granularity);
};

}  // namespace yalu
