// Tests for Date: formatting, validity, month lengths and the epoch-day conversions.

#include "date.hpp"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

namespace yalu {
namespace {

TEST(Date, IsoAndCompactPadWithZeros) {
    const std::vector<std::tuple<Date, std::string, std::string>> cases{
        {Date{2022, 1, 17}, "2022-01-17", "20220117"},
        {Date{1999, 12, 31}, "1999-12-31", "19991231"},
        {Date{1000, 1, 1}, "1000-01-01", "10000101"},
        {Date{9999, 12, 31}, "9999-12-31", "99991231"},
        {Date{5, 6, 7}, "0005-06-07", "00050607"},
    };
    for (const auto& [date, iso, compact] : cases) {
        EXPECT_EQ(date.iso(), iso);
        EXPECT_EQ(date.compact(), compact);
    }
}

TEST(Date, DaysInMonthFollowsGregorianLeapRule) {
    const std::vector<std::tuple<int, int, int>> cases{
        {2022, 1, 31},  {2022, 2, 28},  {2022, 3, 31}, {2022, 4, 30}, {2022, 5, 31},
        {2022, 6, 30},  {2022, 7, 31},  {2022, 8, 31}, {2022, 9, 30}, {2022, 10, 31},
        {2022, 11, 30}, {2022, 12, 31}, {2024, 2, 29}, {2023, 2, 28}, {1900, 2, 28},
        {2000, 2, 29},  {2100, 2, 28},  {1600, 2, 29}, {2022, 0, 0},  {2022, 13, 0},
    };
    for (const auto& [year, month, days] : cases) {
        EXPECT_EQ(Date::days_in_month(year, month), days) << year << "-" << month;
    }
}

TEST(Date, IsValidRejectsImpossibleDays) {
    const std::vector<std::tuple<int, int, int, bool>> cases{
        {2024, 2, 29, true},  {2023, 2, 29, false}, {1900, 2, 29, false}, {2000, 2, 29, true},
        {2022, 2, 30, false}, {2022, 13, 1, false}, {2022, 0, 1, false},  {2022, 1, 0, false},
        {2022, 1, 31, true},  {2022, 4, 31, false}, {2022, 12, 31, true}, {2022, 12, 32, false},
        {0, 1, 1, false},     {10000, 1, 1, false}, {1, 1, 1, true},      {9999, 12, 31, true},
    };
    for (const auto& [year, month, day, valid] : cases) {
        EXPECT_EQ(Date::is_valid(year, month, day), valid) << year << "-" << month << "-" << day;
    }
}

TEST(Date, DaysSinceEpochKnownValues) {
    const std::vector<std::pair<Date, long>> cases{
        {Date{1970, 1, 1}, 0},       {Date{1969, 12, 31}, -1},      {Date{2000, 2, 29}, 11016},
        {Date{2000, 3, 1}, 11017},   {Date{2022, 1, 17}, 19009},    {Date{1900, 3, 1}, -25508},
        {Date{1000, 1, 1}, -354285}, {Date{9999, 12, 31}, 2932896}, {Date{1, 1, 1}, -719162},
        {Date{2038, 1, 19}, 24855},  {Date{1600, 2, 29}, -135081},
    };
    for (const auto& [date, days] : cases) {
        EXPECT_EQ(date.days_since_epoch(), days) << date.iso();
        EXPECT_EQ(Date::from_days_since_epoch(days), date) << days;
    }
}

TEST(Date, EpochDaysRoundTripAndStepByOneDay) {
    // Walk every day from 0999-12-31 to 2101-01-01 and check that consecutive epoch days are
    // consecutive calendar days.
    Date expected{999, 12, 31};
    const long first = expected.days_since_epoch();
    const long last = Date{2101, 1, 1}.days_since_epoch();
    for (long d = first; d <= last; ++d) {
        const Date got = Date::from_days_since_epoch(d);
        ASSERT_EQ(got, expected) << d;
        ASSERT_EQ(got.days_since_epoch(), d);
        if (expected.day < Date::days_in_month(expected.year, expected.month)) {
            ++expected.day;
        } else if (expected.month < 12) {
            ++expected.month;
            expected.day = 1;
        } else {
            ++expected.year;
            expected.month = 1;
            expected.day = 1;
        }
    }
}

TEST(Date, ComparisonIsChronological) {
    EXPECT_LT((Date{2021, 12, 31}), (Date{2022, 1, 1}));
    EXPECT_LT((Date{2022, 1, 31}), (Date{2022, 2, 1}));
    EXPECT_LT((Date{2022, 2, 1}), (Date{2022, 2, 2}));
    EXPECT_EQ((Date{2022, 2, 2}), (Date{2022, 2, 2}));
    EXPECT_GT((Date{2022, 10, 1}), (Date{2022, 9, 30}));
    EXPECT_NE((Date{2022, 1, 17}), (Date{2022, 1, 18}));
}

}  // namespace
}  // namespace yalu
