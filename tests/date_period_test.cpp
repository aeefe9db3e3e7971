// Tests for DatePeriod and DateRange: bound and range syntax, relative spans, the period cover
// used for boolean date terms (checked against brute force), and histogram period keys.

#include "date_period.hpp"
#include "errors.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace yalu {
namespace {

Date d(int y, int m, int day) {
    return Date{y, m, day};
}

TEST(DatePeriod, ParseBoundWidensByEnd) {
    const std::vector<std::tuple<std::string, Date, Date>> cases{
        {"2022", d(2022, 1, 1), d(2022, 12, 31)},
        {"2022-02", d(2022, 2, 1), d(2022, 2, 28)},
        {"2024-02", d(2024, 2, 1), d(2024, 2, 29)},
        {"2000-02", d(2000, 2, 1), d(2000, 2, 29)},
        {"1900-02", d(1900, 2, 1), d(1900, 2, 28)},
        {"2022-04", d(2022, 4, 1), d(2022, 4, 30)},
        {"2022-12", d(2022, 12, 1), d(2022, 12, 31)},
        {"2022-01-17", d(2022, 1, 17), d(2022, 1, 17)},
        {"2024-02-29", d(2024, 2, 29), d(2024, 2, 29)},
        {" 2022-01-17 ", d(2022, 1, 17), d(2022, 1, 17)},
        {"1000", d(1000, 1, 1), d(1000, 12, 31)},
    };
    for (const auto& [text, from, to] : cases) {
        EXPECT_EQ(DatePeriod::parse_bound(text, RangeEnd::from), from) << text;
        EXPECT_EQ(DatePeriod::parse_bound(text, RangeEnd::to), to) << text;
    }
}

TEST(DatePeriod, ParseBoundRejectsBadInput) {
    const std::vector<std::string> bad{
        "2022-13",    "2022-00",
        "2022-02-30", "2023-02-29",
        "1900-02-29", "22-01",
        "",           "   ",
        "2022-1",     "2022-01-1",
        "2022/01/17", "0999",
        "20220117",   "2022-01-17T00:00",
        "2022-",      "abcd",
        "2022-01-32", "2022-04-31",
        "-2022",
    };
    for (const auto& text : bad) {
        EXPECT_THROW((void)DatePeriod::parse_bound(text, RangeEnd::from), UsageError) << text;
        EXPECT_THROW((void)DatePeriod::parse_bound(text, RangeEnd::to), UsageError) << text;
    }
}

// Returns the UsageError message of `f`, or "no error".
template <typename F>
std::string usage_message(F f) {
    try {
        f();
    } catch (const UsageError& e) {
        return e.what();
    }
    return "no error";
}

TEST(DatePeriod, ParseBoundMessagesNameValueOptionAndForms) {
    EXPECT_EQ(
        usage_message([] { (void)DatePeriod::parse_bound("2022-13", RangeEnd::from); }),
        "invalid date '2022-13' for --from (months are 01..12): use YYYY, YYYY-MM or YYYY-MM-DD");
    EXPECT_EQ(usage_message([] { (void)DatePeriod::parse_bound("22-01", RangeEnd::to); }),
              "invalid date '22-01' for --to: use YYYY, YYYY-MM or YYYY-MM-DD");
    EXPECT_EQ(
        usage_message([] { (void)DatePeriod::parse_bound("2022-02-30", RangeEnd::to); }),
        "invalid date '2022-02-30' for --to (February 2022 has 28 days): use YYYY, YYYY-MM or "
        "YYYY-MM-DD");
    EXPECT_EQ(usage_message([] { (void)DatePeriod::parse_bound("", RangeEnd::from, "--after"); }),
              "invalid date '' for --after: use YYYY, YYYY-MM or YYYY-MM-DD");
}

TEST(DatePeriod, ParseRangeShapes) {
    const std::vector<std::tuple<std::string, std::optional<Date>, std::optional<Date>>> cases{
        {"2022-01..2022-03", d(2022, 1, 1), d(2022, 3, 31)},
        {"..2021-12-31", std::nullopt, d(2021, 12, 31)},
        {"2022-01-01..", d(2022, 1, 1), std::nullopt},
        {"2022", d(2022, 1, 1), d(2022, 12, 31)},
        {"2022-01", d(2022, 1, 1), d(2022, 1, 31)},
        {"2024-02", d(2024, 2, 1), d(2024, 2, 29)},
        {"2022-01-17", d(2022, 1, 17), d(2022, 1, 17)},
        {"2011..2012", d(2011, 1, 1), d(2012, 12, 31)},
        {"2022-01-17..2022-01-17", d(2022, 1, 17), d(2022, 1, 17)},
        {"2021-06..2022", d(2021, 6, 1), d(2022, 12, 31)},
        {"..2022", std::nullopt, d(2022, 12, 31)},
        {"2022..", d(2022, 1, 1), std::nullopt},
        {" 2022-01 .. 2022-02 ", d(2022, 1, 1), d(2022, 2, 28)},
        {"2022-03..2022-03", d(2022, 3, 1), d(2022, 3, 31)},
        // A range as Korean writes it (2011~2012): date:2011~2012 was the year 2011.
        {"2011~2012", d(2011, 1, 1), d(2012, 12, 31)},
        {"2022-01~", d(2022, 1, 1), std::nullopt},
        {"~2022-02", std::nullopt, d(2022, 2, 28)},
    };
    for (const auto& [text, from, to] : cases) {
        const DateRange r = DatePeriod::parse_range(text);
        EXPECT_EQ(r.from, from) << text;
        EXPECT_EQ(r.to, to) << text;
    }
}

TEST(DatePeriod, ParseRangeRejectsBadInput) {
    const std::vector<std::string> bad{
        "",
        "..",
        "2022-13",
        "2022..2022-13",
        "2022-02-30..",
        "..2022-02-30",
        "2023..2022",
        "2022-03..2022-02",
        "2022-01-18..2022-01-17",
        "2022...2023",
        "2022..2023..2024",
        "2022~2023~2024",
        "2022~2023..2024",
        "~",
        "22..23",
        "yesterday",
    };
    for (const auto& text : bad) {
        EXPECT_THROW((void)DatePeriod::parse_range(text), UsageError) << text;
    }
    EXPECT_EQ(usage_message([] { (void)DatePeriod::parse_range("2023..2022"); }),
              "empty date range '2023..2022' for date:: 2023-01-01 is after 2022-12-31; give the "
              "earlier date first (FROM..TO)");
    EXPECT_EQ(
        usage_message([] { (void)DatePeriod::parse_range("2022-13..2023", "--date"); }),
        "invalid date '2022-13' for --date (months are 01..12): use YYYY, YYYY-MM or YYYY-MM-DD");
}

TEST(DatePeriod, FullwidthDigitsReadAsInAQuery) {
    // date:２０１２ is read as date:2012 (the query is folded); --from, --to and --since too.
    EXPECT_EQ(DatePeriod::parse_bound("２０１２", RangeEnd::from), d(2012, 1, 1));
    EXPECT_EQ(DatePeriod::parse_bound("２０１２－０２", RangeEnd::to), d(2012, 2, 29));
    EXPECT_EQ(DatePeriod::parse_bound(" ２０１２-０２-１７ ", RangeEnd::to), d(2012, 2, 17));
    EXPECT_EQ(DatePeriod::parse_range("２０１１..２０１２－０１").to, d(2012, 1, 31));
    EXPECT_EQ(DatePeriod::parse_relative("７ｄ", d(2022, 1, 17)), d(2022, 1, 10));
    EXPECT_EQ(DatePeriod::parse_relative("１Ｙ", d(2022, 1, 17)), d(2021, 1, 17));
    // Messages quote the value as typed, not as folded.
    EXPECT_EQ(
        usage_message([] { (void)DatePeriod::parse_bound("２０１２－１３", RangeEnd::from); }),
        "invalid date '２０１２－１３' for --from (months are 01..12): use YYYY, YYYY-MM or "
        "YYYY-MM-DD");
    EXPECT_EQ(usage_message([] { (void)DatePeriod::parse_relative("７ｘ", d(2022, 1, 17)); }),
              "invalid span '７ｘ' for --since: use a positive number and a unit d, w, m or y (7d, "
              "4w, 6m, 1y)");
}

TEST(DatePeriod, ParseRelativeSpans) {
    const std::vector<std::tuple<std::string, Date, Date>> cases{
        {"7d", d(2022, 1, 17), d(2022, 1, 10)},   {"30d", d(2022, 1, 17), d(2021, 12, 18)},
        {"1d", d(2024, 3, 1), d(2024, 2, 29)},    {"1d", d(2023, 3, 1), d(2023, 2, 28)},
        {"4w", d(2022, 1, 17), d(2021, 12, 20)},  {"6m", d(2022, 1, 17), d(2021, 7, 17)},
        {"1m", d(2024, 3, 31), d(2024, 2, 29)},   {"1m", d(2023, 3, 31), d(2023, 2, 28)},
        {"1m", d(2022, 1, 31), d(2021, 12, 31)},  {"13m", d(2022, 1, 15), d(2020, 12, 15)},
        {"1y", d(2022, 1, 17), d(2021, 1, 17)},   {"1y", d(2024, 2, 29), d(2023, 2, 28)},
        {"4y", d(2024, 2, 29), d(2020, 2, 29)},   {"10Y", d(2022, 1, 17), d(2012, 1, 17)},
        {" 2w ", d(2022, 1, 1), d(2021, 12, 18)},
    };
    for (const auto& [text, today, start] : cases) {
        EXPECT_EQ(DatePeriod::parse_relative(text, today), start)
            << text << " from " << today.iso();
    }
}

TEST(DatePeriod, ParseRelativeRejectsBadInput) {
    const std::vector<std::string> bad{"",    "d",   "7",    "0d",       "-7d",   "7x",
                                       "7 d", "7dd", "1.5m", "1000000d", "2000y", "week"};
    for (const auto& text : bad) {
        EXPECT_THROW((void)DatePeriod::parse_relative(text, d(2022, 1, 17)), UsageError) << text;
    }
    EXPECT_EQ(usage_message([] { (void)DatePeriod::parse_relative("7x", d(2022, 1, 17)); }),
              "invalid span '7x' for --since: use a positive number and a unit d, w, m or y (7d, "
              "4w, 6m, 1y)");
}

// "--recency 1500y" said "invalid span '1500y' for --recency (reaches before the year 1000):
// use a positive number ...", and 100000d "number too large" though it reaches back 273 years.
// A number out of range says so, with the range of its unit and of the others.
TEST(DatePeriod, ASpanOutOfRangeSaysTheRange) {
    const Date today = d(2026, 12, 2);
    const std::string range =
        " (a span reaches back to 1000-01-01 at most: 375074d, 53582w, 12323m or 1026y from "
        "2026-12-02)";
    EXPECT_EQ(
        usage_message([&] { (void)DatePeriod::parse_relative("1500y", today, "--recency"); }),
        "--recency: '1500y' is out of range: use N d|w|m|y with N from 1 to 1026 for y" + range);
    EXPECT_EQ(
        usage_message([&] { (void)DatePeriod::parse_relative("0d", today, "--recency"); }),
        "--recency: '0d' is out of range: use N d|w|m|y with N from 1 to 375074 for d" + range);
    EXPECT_EQ(usage_message(
                  [&] { (void)DatePeriod::parse_relative("99999999999d", today, "--recency"); }),
              "--recency: '99999999999d' is out of range: use N d|w|m|y with N from 1 to 375074 "
              "for d" +
                  range);
    EXPECT_EQ(
        usage_message([&] { (void)DatePeriod::parse_relative("12324M", today, "--since"); }),
        "--since: '12324M' is out of range: use N d|w|m|y with N from 1 to 12323 for m" + range);
    // The last of each unit is in range; the forms that are no span say what a span is.
    EXPECT_EQ(DatePeriod::parse_relative("1026y", today), d(1000, 12, 2));
    EXPECT_EQ(DatePeriod::parse_relative("12323m", today), d(1000, 1, 2));
    EXPECT_EQ(DatePeriod::parse_relative("375074d", today), d(1000, 1, 1));
    EXPECT_EQ(DatePeriod::parse_relative("100000d", today), d(1753, 2, 16));
    for (const std::string bad : {"-3d", "3x", "d3", "3"})
        EXPECT_EQ(usage_message([&] { (void)DatePeriod::parse_relative(bad, today, "--recency"); }),
                  "invalid span '" + bad +
                      "' for --recency: use a positive number and a unit d, w, m or y (7d, 4w, "
                      "6m, 1y)");
}

TEST(DatePeriod, SinceRunsFromTheSpanToTomorrow) {
    // Tomorrow is some time zone's today (a Seoul paper's date on a UTC clock); a later date is
    // no article of the last days (a 2999 typo was in every --since digest).
    const DateRange week = DatePeriod::parse_since("7d", d(2024, 2, 28));
    EXPECT_EQ(week.from, d(2024, 2, 21));
    EXPECT_EQ(week.to, d(2024, 2, 29));
    EXPECT_EQ(DatePeriod::parse_since("1y", d(2025, 12, 31)).to, d(2026, 1, 1));
    EXPECT_EQ(DatePeriod::parse_since("1m", d(2023, 2, 28)).to, d(2023, 3, 1));
    EXPECT_THROW((void)DatePeriod::parse_since("7x", d(2022, 1, 17)), UsageError);
}

TEST(DatePeriod, TodayIsAPlausibleValidDate) {
    const Date t = DatePeriod::today();
    EXPECT_TRUE(Date::is_valid(t.year, t.month, t.day));
    EXPECT_GE(t.year, 2020);
    EXPECT_LE(t.year, 2200);
}

using P = DatePeriod;
constexpr Granularity Y = Granularity::year;
constexpr Granularity M = Granularity::month;
constexpr Granularity D = Granularity::day;

TEST(DatePeriod, CoverExamples) {
    std::vector<P> expected;
    for (int day = 15; day <= 31; ++day) expected.push_back(P{D, d(2011, 3, day)});
    for (int month = 4; month <= 12; ++month) expected.push_back(P{M, d(2011, month, 1)});
    expected.push_back(P{M, d(2012, 1, 1)});
    for (int day = 1; day <= 10; ++day) expected.push_back(P{D, d(2012, 2, day)});
    EXPECT_EQ(P::cover(d(2011, 3, 15), d(2012, 2, 10)), expected);

    EXPECT_EQ(P::cover(d(2011, 1, 1), d(2012, 12, 31)),
              (std::vector<P>{{Y, d(2011, 1, 1)}, {Y, d(2012, 1, 1)}}));
    EXPECT_EQ(P::cover(d(2024, 2, 1), d(2024, 2, 29)), (std::vector<P>{{M, d(2024, 2, 1)}}));
    EXPECT_EQ(P::cover(d(2023, 2, 1), d(2023, 2, 28)), (std::vector<P>{{M, d(2023, 2, 1)}}));
    EXPECT_EQ(P::cover(d(2024, 2, 1), d(2024, 2, 28)).size(), 28u);
    EXPECT_EQ(P::cover(d(2022, 1, 17), d(2022, 1, 17)), (std::vector<P>{{D, d(2022, 1, 17)}}));
    EXPECT_TRUE(P::cover(d(2022, 1, 18), d(2022, 1, 17)).empty());
    EXPECT_EQ(P::cover(d(2021, 12, 31), d(2023, 1, 1)),
              (std::vector<P>{{D, d(2021, 12, 31)}, {Y, d(2022, 1, 1)}, {D, d(2023, 1, 1)}}));
    EXPECT_EQ(P::cover(d(2021, 12, 1), d(2023, 1, 31)),
              (std::vector<P>{{M, d(2021, 12, 1)}, {Y, d(2022, 1, 1)}, {M, d(2023, 1, 1)}}));
    EXPECT_EQ(P::cover(d(9999, 1, 1), d(9999, 12, 31)), (std::vector<P>{{Y, d(9999, 1, 1)}}));
    EXPECT_EQ(P::cover(d(1000, 1, 1), d(9999, 12, 31)).size(), 9000u);
}

// The days of `periods`, expanded one by one.
std::vector<long> expand(const std::vector<P>& periods) {
    std::vector<long> days;
    for (const P& p : periods) {
        for (long x = p.start.days_since_epoch(); x <= p.last().days_since_epoch(); ++x)
            days.push_back(x);
    }
    return days;
}

TEST(DatePeriod, CoverEqualsRangeDaysAndIsMinimalForRandomRanges) {
    std::mt19937 rng(20220117);
    const long base = d(1998, 1, 1).days_since_epoch();
    std::uniform_int_distribution<long> start_offset(0, 365 * 30);
    // Short, medium and multi-year ranges, so days, months and years all appear.
    const std::vector<long> max_lengths{62, 400, 365 * 4};
    for (int i = 0; i < 3000; ++i) {
        const Date from = Date::from_days_since_epoch(base + start_offset(rng));
        std::uniform_int_distribution<long> length(0, max_lengths[static_cast<std::size_t>(i % 3)]);
        const Date to = Date::from_days_since_epoch(from.days_since_epoch() + length(rng));
        const std::vector<P> cover = P::cover(from, to);

        std::vector<long> want;
        for (long x = from.days_since_epoch(); x <= to.days_since_epoch(); ++x) want.push_back(x);
        // expand() lists days in period order, so equality also proves order and no overlap.
        ASSERT_EQ(expand(cover), want) << from.iso() << ".." << to.iso();

        for (const P& p : cover) {
            // Periods are aligned, and none could be merged into a larger one inside the range.
            switch (p.granularity) {
                case Granularity::year:
                    ASSERT_EQ(p.start, d(p.start.year, 1, 1));
                    break;
                case Granularity::month:
                    ASSERT_EQ(p.start.day, 1);
                    ASSERT_FALSE(from <= d(p.start.year, 1, 1) && d(p.start.year, 12, 31) <= to)
                        << p.key();
                    break;
                case Granularity::day: {
                    const Date first{p.start.year, p.start.month, 1};
                    const Date last{p.start.year, p.start.month,
                                    Date::days_in_month(p.start.year, p.start.month)};
                    ASSERT_FALSE(from <= first && last <= to) << p.key();
                    break;
                }
            }
        }
    }
}

TEST(DatePeriod, PeriodKeysAndLastDays) {
    const std::vector<std::tuple<P, std::string, std::string, Date>> cases{
        {P{Y, d(2022, 1, 1)}, "2022", "2022", d(2022, 12, 31)},
        {P{M, d(2022, 1, 1)}, "2022-01", "202201", d(2022, 1, 31)},
        {P{M, d(2024, 2, 1)}, "2024-02", "202402", d(2024, 2, 29)},
        {P{M, d(2100, 2, 1)}, "2100-02", "210002", d(2100, 2, 28)},
        {P{D, d(2022, 1, 17)}, "2022-01-17", "20220117", d(2022, 1, 17)},
    };
    for (const auto& [period, key, compact, last] : cases) {
        EXPECT_EQ(period.key(), key);
        EXPECT_EQ(period.compact_key(), compact);
        EXPECT_EQ(period.last(), last) << key;
    }
    EXPECT_EQ(P::period_key(d(2022, 1, 17), Y), "2022");
    EXPECT_EQ(P::period_key(d(2022, 1, 17), M), "2022-01");
    EXPECT_EQ(P::period_key(d(2022, 1, 17), D), "2022-01-17");
    EXPECT_EQ(P::containing(d(2022, 7, 9), M), (P{M, d(2022, 7, 1)}));
    EXPECT_EQ(P::containing(d(2022, 7, 9), Y), (P{Y, d(2022, 1, 1)}));
}

TEST(DatePeriod, PeriodsBetweenListsEveryPeriodInclusive) {
    EXPECT_EQ(P::periods_between(d(2011, 6, 30), d(2013, 1, 1), Y),
              (std::vector<std::string>{"2011", "2012", "2013"}));
    EXPECT_EQ(P::periods_between(d(2011, 11, 30), d(2012, 2, 1), M),
              (std::vector<std::string>{"2011-11", "2011-12", "2012-01", "2012-02"}));
    EXPECT_EQ(P::periods_between(d(2024, 2, 27), d(2024, 3, 1), D),
              (std::vector<std::string>{"2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"}));
    EXPECT_EQ(P::periods_between(d(2022, 1, 17), d(2022, 1, 17), D),
              (std::vector<std::string>{"2022-01-17"}));
    EXPECT_EQ(P::periods_between(d(2022, 1, 1), d(2022, 1, 31), M),
              (std::vector<std::string>{"2022-01"}));
    EXPECT_TRUE(P::periods_between(d(2022, 1, 18), d(2022, 1, 17), D).empty());
    EXPECT_EQ(P::periods_between(d(2011, 1, 1), d(2012, 11, 30), M).size(), 23u);
}

TEST(DateRange, ContainsIsInclusiveAndOpenEnded) {
    const DateRange closed{d(2022, 1, 1), d(2022, 3, 31)};
    EXPECT_TRUE(closed.contains(d(2022, 1, 1)));
    EXPECT_TRUE(closed.contains(d(2022, 3, 31)));
    EXPECT_FALSE(closed.contains(d(2021, 12, 31)));
    EXPECT_FALSE(closed.contains(d(2022, 4, 1)));
    const DateRange open_start{std::nullopt, d(2021, 12, 31)};
    EXPECT_TRUE(open_start.contains(d(1000, 1, 1)));
    EXPECT_FALSE(open_start.contains(d(2022, 1, 1)));
    const DateRange open_end{d(2022, 1, 1), std::nullopt};
    EXPECT_TRUE(open_end.contains(d(9999, 12, 31)));
    EXPECT_FALSE(open_end.contains(d(2021, 12, 31)));
    EXPECT_TRUE((DateRange{}.contains(d(2022, 1, 17))));
}

}  // namespace
}  // namespace yalu
