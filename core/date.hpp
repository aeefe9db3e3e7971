#pragma once
// Date: a calendar day, and the parsers that find one in text (ISO, English, Korean, datelines).

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// A valid proleptic-Gregorian calendar day.
struct Date {
    int year = 0;   ///< 1..9999
    int month = 0;  ///< 1..12
    int day = 0;    ///< 1..days_in_month

    /// "YYYY-MM-DD".
    [[nodiscard]] std::string iso() const;
    /// "YYYYMMDD": sorts as the date does; used for value slots and day terms.
    [[nodiscard]] std::string compact() const;
    /// True when year/month/day name a real day (2022-02-30 is not).
    [[nodiscard]] static bool is_valid(int year, int month, int day);
    /// Number of days in the given month of the given year.
    [[nodiscard]] static int days_in_month(int year, int month);
    /// Days since 1970-01-01 (negative before).
    [[nodiscard]] long days_since_epoch() const;
    /// The date `days` days since 1970-01-01.
    [[nodiscard]] static Date from_days_since_epoch(long days);

    auto operator<=>(const Date&) const = default;
};

}  // namespace yalu
