#include "date.hpp"

#include <array>

namespace yalu {

namespace {

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Writes `value` as exactly `width` zero-padded digits; dates never need more.
void append_digits(std::string& out, int value, int width) {
    std::array<char, 8> buf{};
    for (int i = width - 1; i >= 0; --i) {
        buf[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(buf.data(), static_cast<std::size_t>(width));
}

}  // namespace

std::string Date::iso() const {
    std::string out;
    out.reserve(10);
    append_digits(out, year, 4);
    out += '-';
    append_digits(out, month, 2);
    out += '-';
    append_digits(out, day, 2);
    return out;
}

std::string Date::compact() const {
    std::string out;
    out.reserve(8);
    append_digits(out, year, 4);
    append_digits(out, month, 2);
    append_digits(out, day, 2);
    return out;
}

bool Date::is_valid(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12) return false;
    return day >= 1 && day <= days_in_month(year, month);
}

int Date::days_in_month(int year, int month) {
    static constexpr std::array<int, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && is_leap(year)) return 29;
    return lengths[static_cast<std::size_t>(month - 1)];
}

// Howard Hinnant's days_from_civil: eras of 400 years make the leap rule periodic, and a year
// starting in March puts the leap day last, so no month table is needed.
long Date::days_since_epoch() const {
    const long y = static_cast<long>(year) - (month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;                          // [0, 399]
    const long mp = (month + 9) % 12;                        // March = 0
    const long doy = (153 * mp + 2) / 5 + day - 1;           // [0, 365]
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
    return era * 146097 + doe - 719468;
}

// Inverse of days_since_epoch (Hinnant's civil_from_days).
Date Date::from_days_since_epoch(long days) {
    const long z = days + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;                                       // [0, 146096]
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
    const long mp = (5 * doy + 2) / 153;                                     // [0, 11]
    const long d = doy - (153 * mp + 2) / 5 + 1;                             // [1, 31]
    const long m = mp < 10 ? mp + 3 : mp - 9;                                // [1, 12]
    const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

}  // namespace yalu
