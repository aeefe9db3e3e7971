#include "date_period.hpp"

#include "ascii.hpp"
#include "errors.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <ctime>

namespace yalu {

namespace {

constexpr std::array<std::string_view, 12> kMonthNames{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

constexpr std::string_view kBoundForms = "use YYYY, YYYY-MM or YYYY-MM-DD";

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Value of s[pos, pos + len) when all are digits; -1 otherwise.
int digits_at(std::string_view s, std::size_t pos, std::size_t len) {
    if (pos + len > s.size()) return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
        if (!ascii::is_digit(s[i])) return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

// A bound as written: the year, and month/day when given (kAbsent when not; 0 is a bad value).
constexpr int kAbsent = -1;
struct RawBound {
    int year = 0;
    int month = kAbsent;
    int day = kAbsent;
};

// Accepts exactly "YYYY", "YYYY-MM" or "YYYY-MM-DD"; nullopt on any other shape.
std::optional<RawBound> scan_bound(std::string_view s) {
    RawBound b;
    b.year = digits_at(s, 0, 4);
    if (b.year < 0) return std::nullopt;
    if (s.size() == 4) return b;
    if (s.size() < 7 || s[4] != '-') return std::nullopt;
    b.month = digits_at(s, 5, 2);
    if (b.month < 0) return std::nullopt;
    if (s.size() == 7) return b;
    if (s.size() != 10 || s[7] != '-') return std::nullopt;
    b.day = digits_at(s, 8, 2);
    if (b.day < 0) return std::nullopt;
    return b;
}

// Why a shape-correct bound is no real period; empty when it is one.
std::string bound_problem(const RawBound& b) {
    if (b.year < 1000) return "years are 1000..9999";
    if (b.month == kAbsent) return {};
    if (b.month < 1 || b.month > 12) return "months are 01..12";
    if (b.day == kAbsent) return {};
    if (!Date::is_valid(b.year, b.month, b.day)) {
        return std::string(kMonthNames[static_cast<std::size_t>(b.month - 1)]) + " " +
               std::to_string(b.year) + " has " +
               std::to_string(Date::days_in_month(b.year, b.month)) + " days";
    }
    return {};
}

std::string quoted(std::string_view text) {
    std::string out = "'";
    out += text;
    out += "'";
    return out;
}

Date add_days(const Date& d, long days) {
    return Date::from_days_since_epoch(d.days_since_epoch() + days);
}

// The first day of the period after `p`.
Date next_start(const DatePeriod& p) {
    switch (p.granularity) {
        case Granularity::year:
            return Date{p.start.year + 1, 1, 1};
        case Granularity::month:
            return p.start.month == 12 ? Date{p.start.year + 1, 1, 1}
                                       : Date{p.start.year, p.start.month + 1, 1};
        case Granularity::day:
            break;
    }
    return add_days(p.start, 1);
}

// Moves `d` back by `months` calendar months, clamping the day to the target month's length.
Date minus_months(const Date& d, long months) {
    const long index = static_cast<long>(d.year) * 12 + (d.month - 1) - months;
    const int year = static_cast<int>(index / 12);
    const int month = static_cast<int>(index % 12) + 1;
    const int day = std::min(d.day, Date::days_in_month(year, month));
    return Date{year, month, day};
}

}  // namespace

bool DateRange::contains(const Date& date) const {
    return (!from || *from <= date) && (!to || date <= *to);
}

Date DatePeriod::last() const {
    switch (granularity) {
        case Granularity::year:
            return Date{start.year, 12, 31};
        case Granularity::month:
            return Date{start.year, start.month, Date::days_in_month(start.year, start.month)};
        case Granularity::day:
            break;
    }
    return start;
}

std::string DatePeriod::key() const {
    const std::string iso = start.iso();
    switch (granularity) {
        case Granularity::year:
            return iso.substr(0, 4);
        case Granularity::month:
            return iso.substr(0, 7);
        case Granularity::day:
            break;
    }
    return iso;
}

std::string DatePeriod::compact_key() const {
    // The same period as key(), without the dashes: 2022-01 -> 202201.
    std::string k = key();
    k.erase(std::remove(k.begin(), k.end(), '-'), k.end());
    return k;
}

DatePeriod DatePeriod::containing(const Date& date, Granularity granularity) {
    switch (granularity) {
        case Granularity::year:
            return DatePeriod{granularity, Date{date.year, 1, 1}};
        case Granularity::month:
            return DatePeriod{granularity, Date{date.year, date.month, 1}};
        case Granularity::day:
            break;
    }
    return DatePeriod{granularity, date};
}

Date DatePeriod::parse_bound(std::string_view text, RangeEnd end, std::string_view option) {
    const std::string_view name =
        !option.empty() ? option : (end == RangeEnd::from ? "--from" : "--to");
    const std::string_view t = trim(text);
    // Fullwidth digits and dashes (２０１２－０１) count as ASCII, as in a query, whose text
    // QueryBuilder folds (date:２０１２): --from and date: take the same text. Messages quote
    // the value as typed.
    const auto raw = scan_bound(utf8::fold_width(t));
    const std::string problem = raw ? bound_problem(*raw) : std::string{};
    if (!raw || !problem.empty()) {
        std::string message = "invalid date " + quoted(t) + " for " + std::string(name);
        if (!problem.empty()) message += " (" + problem + ")";
        throw UsageError(message + ": " + std::string(kBoundForms));
    }
    const bool first = end == RangeEnd::from;
    if (raw->month == kAbsent) return first ? Date{raw->year, 1, 1} : Date{raw->year, 12, 31};
    if (raw->day == kAbsent) {
        return Date{raw->year, raw->month, first ? 1 : Date::days_in_month(raw->year, raw->month)};
    }
    return Date{raw->year, raw->month, raw->day};
}

DateRange DatePeriod::parse_range(std::string_view text, std::string_view option) {
    const std::string_view t = trim(text);
    // FROM~TO as Korean writes a range (2011~2012), when it holds no "..".
    const bool tilde = t.find("..") == std::string_view::npos && t.find('~') != std::string::npos;
    const std::size_t dots = tilde ? t.find('~') : t.find("..");
    const std::size_t sep = tilde ? 1 : 2;
    DateRange range;
    if (dots == std::string_view::npos) {
        // A single bound names a whole period: both ends come from the same text.
        range.from = parse_bound(t, RangeEnd::from, option);
        range.to = parse_bound(t, RangeEnd::to, option);
        return range;
    }
    const std::string_view left = trim(t.substr(0, dots));
    const std::string_view right = trim(t.substr(dots + sep));
    if ((left.empty() && right.empty()) ||
        right.find(tilde ? "~" : "..") != std::string_view::npos) {
        throw UsageError(
            "invalid date range " + quoted(t) + " for " + std::string(option) +
            ": use FROM..TO, FROM.. or ..TO with FROM and TO as YYYY, YYYY-MM or YYYY-MM-DD");
    }
    if (!left.empty()) range.from = parse_bound(left, RangeEnd::from, option);
    if (!right.empty()) range.to = parse_bound(right, RangeEnd::to, option);
    if (range.from && range.to && *range.to < *range.from) {
        throw UsageError("empty date range " + quoted(t) + " for " + std::string(option) + ": " +
                         range.from->iso() + " is after " + range.to->iso() +
                         "; give the earlier date first (FROM..TO)");
    }
    return range;
}

Date DatePeriod::parse_relative(std::string_view text, const Date& today, std::string_view option) {
    const std::string_view t = trim(text);
    const auto fail = [&](std::string_view why) {
        std::string message = "invalid span " + quoted(t) + " for " + std::string(option);
        if (!why.empty()) message += " (" + std::string(why) + ")";
        return UsageError(message +
                          ": use a positive number and a unit d, w, m or y (7d, 4w, 6m, 1y)");
    };
    // Fullwidth forms (３０ｄ) as ASCII, as in bounds and queries.
    const std::string folded = utf8::fold_width(t);
    const std::string_view span = folded;
    std::size_t n = 0;
    long count = 0;
    for (; n < span.size() && ascii::is_digit(span[n]); ++n)
        count = std::min(count * 10 + (span[n] - '0'), 1'000'000'000L);  // beyond any range
    if (n == 0 || n + 1 != span.size()) throw fail({});
    const char unit = ascii::to_lower(span[n]);
    if (unit != 'd' && unit != 'w' && unit != 'm' && unit != 'y') throw fail({});
    // A span reaches back to 1000-01-01 at most, as dates do (docs/DATES.md).
    const long days = today.days_since_epoch() - Date{1000, 1, 1}.days_since_epoch();
    const long months = static_cast<long>(today.year - 1000) * 12 + (today.month - 1);
    const long most = unit == 'd'   ? days
                      : unit == 'w' ? days / 7
                      : unit == 'm' ? months
                                    : months / 12;
    if (count < 1 || count > most)
        throw UsageError(std::string(option) + ": " + quoted(t) +
                         " is out of range: use N d|w|m|y with N from 1 to " +
                         std::to_string(std::max(most, 1L)) + " for " + std::string(1, unit) +
                         " (a span reaches back to 1000-01-01 at most: " + std::to_string(days) +
                         "d, " + std::to_string(days / 7) + "w, " + std::to_string(months) +
                         "m or " + std::to_string(months / 12) + "y from " + today.iso() + ")");
    switch (unit) {
        case 'd':
            return add_days(today, -count);
        case 'w':
            return add_days(today, -7 * count);
        case 'm':
            return minus_months(today, count);
        default:
            return minus_months(today, 12 * count);
    }
}

DateRange DatePeriod::parse_since(std::string_view text, const Date& today,
                                  std::string_view option) {
    // Without an end, an article dated after today (a typo yalu-index warned about: 2999) was
    // in every digest, and a day histogram ran to its date. Tomorrow is some time zone's today:
    // a Seoul paper's morning edition on a machine whose clock is on UTC.
    return DateRange{parse_relative(text, today, option), add_days(today, 1)};
}

Date DatePeriod::today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::vector<DatePeriod> DatePeriod::cover(const Date& from, const Date& to) {
    std::vector<DatePeriod> periods;
    Date cursor = from;
    // Greedy from the left: the largest aligned period that starts at the cursor and ends
    // inside the range. Aligned periods nest, so greedy is minimal.
    while (cursor <= to) {
        DatePeriod p{Granularity::day, cursor};
        if (cursor.month == 1 && cursor.day == 1 && Date{cursor.year, 12, 31} <= to) {
            p.granularity = Granularity::year;
        } else if (cursor.day == 1 && Date{cursor.year, cursor.month,
                                           Date::days_in_month(cursor.year, cursor.month)} <= to) {
            p.granularity = Granularity::month;
        }
        periods.push_back(p);
        if (p.last().year == 9999 && p.last().month == 12 && p.last().day == 31) break;
        cursor = next_start(p);
    }
    return periods;
}

std::string DatePeriod::period_key(const Date& date, Granularity granularity) {
    return containing(date, granularity).key();
}

std::vector<std::string> DatePeriod::periods_between(const Date& first, const Date& last,
                                                     Granularity granularity) {
    std::vector<std::string> keys;
    if (last < first) return keys;
    const DatePeriod end = containing(last, granularity);
    for (DatePeriod p = containing(first, granularity); p.start <= end.start;
         p.start = next_start(p)) {
        keys.push_back(p.key());
        if (p.start == end.start) break;
    }
    return keys;
}

}  // namespace yalu
