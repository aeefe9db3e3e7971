#include "date_parser.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace yalu {

namespace {

// UTF-8 spellings of the Korean date markers and the dashes datelines use.
constexpr std::string_view kYear = "\xEB\x85\x84";    // 년
constexpr std::string_view kMonth = "\xEC\x9B\x94";   // 월
constexpr std::string_view kDay = "\xEC\x9D\xBC";     // 일
constexpr std::string_view kEmDash = "\xE2\x80\x94";  // —
constexpr std::string_view kEnDash = "\xE2\x80\x93";  // –

constexpr std::array<std::string_view, 12> kMonthNames{
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

using ascii::trim;

// A cursor over the text: every shape is a short sequence of these steps, so a failed step
// leaves the position where it was and the caller tries the next shape from a saved copy.
class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    [[nodiscard]] bool done() const { return pos_ >= text_.size(); }
    [[nodiscard]] std::size_t pos() const { return pos_; }
    [[nodiscard]] char peek() const { return done() ? '\0' : text_[pos_]; }

    bool eat(char c) {
        if (done() || text_[pos_] != c) return false;
        ++pos_;
        return true;
    }

    bool eat(std::string_view s) {
        if (text_.substr(pos_).substr(0, s.size()) != s) return false;
        pos_ += s.size();
        return true;
    }

    std::size_t skip_spaces() {
        const std::size_t start = pos_;
        while (!done() && ascii::is_space(text_[pos_])) ++pos_;
        return pos_ - start;
    }

    // Reads between min_len and max_len digits; on a shorter or longer run nothing is consumed.
    std::optional<int> number(std::size_t min_len, std::size_t max_len) {
        std::size_t end = pos_;
        while (end < text_.size() && ascii::is_digit(text_[end])) ++end;
        const std::size_t len = end - pos_;
        if (len < min_len || len > max_len) return std::nullopt;
        int value = 0;
        for (std::size_t i = pos_; i < end; ++i) value = value * 10 + (text_[i] - '0');
        pos_ = end;
        return value;
    }

    // Reads an English month name or abbreviation ("Jan", "Jan.", "Sept.", "January"),
    // case-insensitively; the word must end there ("Janx" is no month).
    std::optional<int> month_name() {
        std::size_t end = pos_;
        while (end < text_.size() && ascii::is_alpha(text_[end])) ++end;
        const std::size_t len = end - pos_;
        if (len < 3) return std::nullopt;
        std::array<char, 16> word{};
        if (len > word.size()) return std::nullopt;
        for (std::size_t i = 0; i < len; ++i) word[i] = ascii::to_lower(text_[pos_ + i]);
        const std::string_view w(word.data(), len);
        for (std::size_t m = 0; m < kMonthNames.size(); ++m) {
            const std::string_view full = kMonthNames[m];
            const bool matches = w == full || w == full.substr(0, 3) || (m == 8 && w == "sept");
            if (matches) {
                pos_ = end;
                eat('.');
                return static_cast<int>(m) + 1;
            }
        }
        return std::nullopt;
    }

    // Reads exactly `len` digits even when more follow ("0900" as hours then minutes).
    std::optional<int> fixed(std::size_t len) {
        if (pos_ + len > text_.size()) return std::nullopt;
        int value = 0;
        for (std::size_t i = pos_; i < pos_ + len; ++i) {
            if (!ascii::is_digit(text_[i])) return std::nullopt;
            value = value * 10 + (text_[i] - '0');
        }
        pos_ += len;
        return value;
    }

    // Reads one or more dashes of any kind ("--", "—", "–", "—-").
    bool dashes() {
        bool any = false;
        while (eat('-') || eat(kEmDash) || eat(kEnDash)) any = true;
        return any;
    }

    // Jumps to an absolute position found by a search (a closing parenthesis, a comma).
    void seek(std::size_t pos) { pos_ = std::min(pos, text_.size()); }

    [[nodiscard]] std::string_view rest() const { return text_.substr(pos_); }
    [[nodiscard]] std::string_view text() const { return text_; }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

// Year, month and day as written, before validation.
struct RawDate {
    int year = 0;
    int month = 0;
    int day = 0;
};

bool scan_zone(Scanner& s, bool& out_of_range);

// Time of day and zone as written in a timestamp. Only checked, never used: the date is the
// calendar day as written. Returns false on a broken shape; sets `out_of_range` for a clock
// reading such as 25:00 in an otherwise well-formed timestamp.
bool scan_time_and_zone(Scanner& s, bool& out_of_range) {
    const auto hour = s.fixed(2);
    if (!hour || !s.eat(':')) return false;
    const auto minute = s.fixed(2);
    if (!minute) return false;
    if (*hour > 23 || *minute > 59) out_of_range = true;
    if (s.eat(':')) {
        const auto second = s.fixed(2);
        if (!second) return false;
        if (*second > 60) out_of_range = true;  // 60: leap second
        if (s.eat('.') || s.eat(',')) {
            if (!s.number(1, 9)) return false;
        }
    }
    return scan_zone(s, out_of_range);
}

// The time zone after a timestamp's time or, as XML Schema's xs:date writes it, after a date
// ("2022-01-17+09:00", "2022-01-17Z"): nothing, Z, or an offset. Checked, never used.
bool scan_zone(Scanner& s, bool& out_of_range) {
    if (s.eat('Z') || s.eat('z')) return true;
    if (s.eat('+') || s.eat('-')) {
        const auto zone_hours = s.fixed(2);
        if (!zone_hours) return false;
        const bool colon = s.eat(':');
        std::optional<int> zone_minutes;
        if (colon || ascii::is_digit(s.peek())) {
            zone_minutes = s.fixed(2);
            if (!zone_minutes) return false;
        }
        if (*zone_hours > 14 || zone_minutes.value_or(0) > 59 ||
            (*zone_hours == 14 && zone_minutes.value_or(0) > 0))
            out_of_range = true;
    }
    return true;
}

// A month and a day after the year and its separator, the same separator between them
// (2022-01-17, 2022/01/17, 2022. 1. 17); `spaced`: spaces may stand before each number.
bool scan_month_day(Scanner& s, char sep, bool spaced, RawDate& d) {
    if (spaced) s.skip_spaces();
    const auto month = s.number(1, 2);
    if (!month || !s.eat(sep)) return false;
    if (spaced) s.skip_spaces();
    const auto day = s.number(1, 2);
    if (!day) return false;
    d.month = *month;
    d.day = *day;
    return true;
}

// Shapes starting with a four-digit year: ISO date/timestamp, dotted, slashed and Korean.
std::optional<RawDate> scan_year_first(Scanner& s, bool& bad_time) {
    RawDate d;
    const auto year = s.number(4, 4);
    if (!year) return std::nullopt;
    d.year = *year;
    if (s.eat('-')) {
        if (!scan_month_day(s, '-', false, d)) return std::nullopt;
        const std::string_view rest = s.rest();
        const bool spaced_time = rest.size() > 1 && rest[0] == ' ' && ascii::is_digit(rest[1]);
        // xs:date's zone, as schemas/article.xsd allows it: only Z or a whole ±hh:mm, so
        // "2022-01-17-5" stays unrecognised.
        const bool zoned_date =
            rest == "Z" || rest == "z" ||
            (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && ascii::is_digit(rest[1]) &&
             ascii::is_digit(rest[2]) && rest[3] == ':' && ascii::is_digit(rest[4]) &&
             ascii::is_digit(rest[5]));
        if (s.eat('T') || s.eat('t') || (spaced_time && s.eat(' '))) {
            if (!scan_time_and_zone(s, bad_time)) return std::nullopt;
        } else if (zoned_date && !scan_zone(s, bad_time)) {
            return std::nullopt;
        }
        return d;
    }
    if (s.eat('/')) {
        if (!scan_month_day(s, '/', false, d)) return std::nullopt;
        return d;
    }
    if (s.eat('.')) {
        if (!scan_month_day(s, '.', true, d)) return std::nullopt;
        s.eat('.');
        return d;
    }
    s.skip_spaces();
    if (s.eat(kYear)) {
        s.skip_spaces();
        const auto month = s.number(1, 2);
        if (!month) return std::nullopt;
        s.skip_spaces();
        if (!s.eat(kMonth)) return std::nullopt;
        s.skip_spaces();
        const auto day = s.number(1, 2);
        if (!day) return std::nullopt;
        s.skip_spaces();
        if (!s.eat(kDay)) return std::nullopt;
        d.month = *month;
        d.day = *day;
        return d;
    }
    return std::nullopt;
}

// "Jan. 17, 2022", "January 17 2022".
std::optional<RawDate> scan_month_first(Scanner& s) {
    RawDate d;
    const auto month = s.month_name();
    if (!month) return std::nullopt;
    s.skip_spaces();
    const auto day = s.number(1, 2);
    if (!day) return std::nullopt;
    s.eat(',');
    if (s.skip_spaces() == 0 && s.text()[s.pos() - 1] != ',') return std::nullopt;
    const auto year = s.number(4, 4);
    if (!year) return std::nullopt;
    d.year = *year;
    d.month = *month;
    d.day = *day;
    return d;
}

// "17 January 2022", "17 Jan. 2022".
std::optional<RawDate> scan_day_first(Scanner& s) {
    RawDate d;
    const auto day = s.number(1, 2);
    if (!day || s.skip_spaces() == 0) return std::nullopt;
    const auto month = s.month_name();
    if (!month) return std::nullopt;
    s.eat(',');
    s.skip_spaces();
    const auto year = s.number(4, 4);
    if (!year) return std::nullopt;
    d.year = *year;
    d.month = *month;
    d.day = *day;
    return d;
}

std::string quoted(std::string_view text) {
    return DateParser::quote(text);
}

// Why a recognised year/month/day is not a day; empty when it is one.
std::string impossibility(const RawDate& d) {
    if (d.year < 1000) {
        return "year " + std::to_string(d.year) + " is outside 1000..9999";
    }
    if (d.month < 1 || d.month > 12) {
        return "month " + std::to_string(d.month) + " does not exist; months are 1..12";
    }
    if (d.day < 1) return "there is no day " + std::to_string(d.day) + "; days start at 1";
    if (!Date::is_valid(d.year, d.month, d.day)) {
        std::string name(kMonthNames[static_cast<std::size_t>(d.month - 1)]);
        name[0] = static_cast<char>(name[0] - 'a' + 'A');
        return name + " " + std::to_string(d.year) + " has " +
               std::to_string(Date::days_in_month(d.year, d.month)) + " days";
    }
    return {};
}

constexpr std::string_view kAcceptedShapes =
    "use YYYY-MM-DD, an ISO timestamp (2022-01-17T09:30:00+09:00), 'Jan. 17, 2022', "
    "'17 January 2022', 'YYYY.MM.DD', 'YYYY/MM/DD' or 'YYYY년 M월 D일'";

// What a dateline scan found: the month and day, an optional year written in the dateline
// (Xinhua: "TOKYO, Jan. 6, 2026 (Xinhua) --") and the prefix length.
struct DatelineMatch {
    int month = 0;
    int day = 0;
    std::optional<int> year;
    std::size_t length = 0;
};

// Position of `c` within `limit` bytes after `from`, or npos: datelines are short, so there is
// no need to scan a whole body for a comma or parenthesis that is not there.
std::size_t find_near(std::string_view body, char c, std::size_t from, std::size_t limit) {
    const std::size_t found = body.substr(0, std::min(body.size(), from + limit + 1)).find(c, from);
    return found;
}

// True for a city segment such as "SEOUL", "Pyongyang", "SEOUL/MUAN", "PHNOM PENH",
// "Washington D.C.", "P'yŏngyang": letters first, then letters, spaces, '/', '-', '.', '\''.
// Bytes of multi-byte UTF-8 characters count as letters (ŏ, the curly apostrophe).
bool is_place(std::string_view s) {
    const auto letter = [](char c) {
        return ascii::is_alpha(c) || static_cast<unsigned char>(c) >= 0x80;
    };
    if (s.empty() || s.size() > 40 || !letter(s.front())) return false;
    for (const char c : s) {
        if (!(letter(c) || c == ' ' || c == '/' || c == '-' || c == '.' || c == '\'')) return false;
    }
    return true;
}

// "By Kim Hyun-soo SEOUL": the credit ends where the all-capital city words start; returns
// the city or an empty view when the segment has no such ending.
std::string_view city_after_credit(std::string_view segment) {
    std::size_t start = segment.size();
    // Walk back over words made only of capitals and city punctuation.
    std::size_t i = segment.size();
    while (i > 0) {
        std::size_t word_end = i;
        while (word_end > 0 && segment[word_end - 1] == ' ') --word_end;
        std::size_t word_start = word_end;
        while (word_start > 0 && segment[word_start - 1] != ' ') --word_start;
        if (word_start == word_end) break;
        const std::string_view word = segment.substr(word_start, word_end - word_start);
        bool capital = ascii::is_upper(word.front());
        for (const char c : word) {
            if (!(ascii::is_upper(c) || c == '/' || c == '-' || c == '.' || c == '\''))
                capital = false;
        }
        // A one-letter capital word is an initial of the credit ("By Kim J. SEOUL" aside).
        if (!capital || word.size() < 2) break;
        start = word_start;
        i = word_start;
    }
    return start < segment.size() ? segment.substr(start) : std::string_view{};
}

std::optional<DatelineMatch> scan_dateline(std::string_view body) {
    Scanner s(body);
    s.skip_spaces();
    // Editors' notes and photo ids come before the dateline: "(ATTN: UPDATES ...)",
    // "(260106) -- ".
    if (s.peek() == '(') {
        const std::size_t close = find_near(body, ')', s.pos(), 300);
        if (close == std::string_view::npos) return std::nullopt;
        s.seek(close + 1);
        s.skip_spaces();
        if (s.dashes()) s.skip_spaces();
    }
    const std::size_t head = s.pos();

    DatelineMatch match;
    // The month comes right away ("Dec. 29 (Yonhap) --") or after "CITY[, Country],".
    Scanner probe = s;
    auto month = probe.month_name();
    if (month && ascii::is_space(probe.peek())) {
        s = probe;
    } else {
        const std::size_t comma = find_near(body, ',', head, 80);
        if (comma == std::string_view::npos) return std::nullopt;
        std::string_view segment = trim(body.substr(head, comma - head));
        if (segment.substr(0, 3) == "By ") {
            segment = city_after_credit(segment.substr(3));
        }
        if (!is_place(segment)) return std::nullopt;
        s.seek(comma + 1);
        s.skip_spaces();
        probe = s;
        month = probe.month_name();
        if (!month) {
            // ", South Korea," — a country between the city and the month.
            const std::size_t comma2 = find_near(body, ',', s.pos(), 40);
            if (comma2 == std::string_view::npos) return std::nullopt;
            if (!is_place(body.substr(s.pos(), comma2 - s.pos()))) return std::nullopt;
            s.seek(comma2 + 1);
            s.skip_spaces();
            probe = s;
            month = probe.month_name();
            if (!month) return std::nullopt;
        }
        s = probe;
    }
    match.month = *month;
    s.skip_spaces();
    const auto day = s.number(1, 2);
    if (!day) return std::nullopt;
    match.day = *day;
    if (s.eat(',')) {
        s.skip_spaces();
        const auto year = s.number(4, 4);
        if (!year) return std::nullopt;
        match.year = *year;
    }
    s.skip_spaces();
    if (!s.eat('(')) return std::nullopt;
    const std::size_t close = find_near(body, ')', s.pos(), 40);
    if (close == std::string_view::npos || close == s.pos()) return std::nullopt;
    s.seek(close + 1);
    s.skip_spaces();
    if (!s.dashes()) return std::nullopt;
    s.skip_spaces();
    match.length = s.pos();
    return match;
}

}  // namespace

std::string DateParser::quote(std::string_view text) {
    constexpr std::size_t limit = 60;
    std::string out = "'";
    if (text.size() <= limit) {
        out += text;
        return out + "'";
    }
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out += text.substr(0, cut);
    return out + "...' (" + std::to_string(text.size()) + " bytes)";
}

DateParse DateParser::parse(std::string_view text) const {
    const std::string_view t = trim(text);
    DateParse result;
    if (t.empty()) {
        result.status = DateStatus::missing;
        result.message = "empty date";
        return result;
    }

    std::optional<RawDate> raw;
    bool bad_time = false;
    bool complete = false;
    if (ascii::is_digit(t.front())) {
        Scanner s(t);
        raw = scan_year_first(s, bad_time);
        complete = raw && s.done();
        if (!complete) {
            Scanner s2(t);
            bad_time = false;
            auto other = scan_day_first(s2);
            if (other && s2.done()) {
                raw = other;
                complete = true;
            }
        }
    } else if (ascii::is_alpha(t.front())) {
        Scanner s(t);
        raw = scan_month_first(s);
        complete = raw && s.done();
    }

    if (!complete) {
        result.status = DateStatus::unrecognised;
        result.message = "unrecognised date " + quoted(t) + ": " + std::string(kAcceptedShapes);
        return result;
    }
    if (bad_time) {
        result.status = DateStatus::invalid;
        result.message = "impossible time in " + quoted(t) +
                         " (hours 00..23, minutes 00..59, seconds 00..60, offset up to ±14:00)";
        return result;
    }
    const std::string why = impossibility(*raw);
    if (!why.empty()) {
        result.status = DateStatus::invalid;
        result.message = "impossible date " + quoted(t) + " (" + why + ")";
        return result;
    }
    result.status = DateStatus::ok;
    result.date = Date{raw->year, raw->month, raw->day};
    return result;
}

std::optional<Date> DateParser::parse_dateline(std::string_view body, int year_hint) const {
    const auto match = scan_dateline(body);
    if (!match) return std::nullopt;
    const int year = match->year.value_or(year_hint);
    if (year < 1000 || !Date::is_valid(year, match->month, match->day)) return std::nullopt;
    return Date{year, match->month, match->day};
}

std::string DateParser::dateline_problem(std::string_view body, int year_hint) const {
    const auto match = scan_dateline(body);
    if (!match) return {};
    const int year = match->year.value_or(year_hint);
    // Without a year there is no day to check: the article is undated for that reason.
    if (year < 1000) return {};
    const std::string why = impossibility(RawDate{year, match->month, match->day});
    if (why.empty()) return {};
    std::string month(kMonthNames[static_cast<std::size_t>(match->month - 1)]);
    month[0] = static_cast<char>(month[0] - 'a' + 'A');
    return "the dateline's day, " + month + " " + std::to_string(match->day) +
           ", does not exist in " + std::to_string(year) +
           (match->year ? std::string() : std::string(", the year in the file's path")) + " (" +
           why + ")";
}

std::size_t DateParser::dateline_length(std::string_view body) const {
    const auto match = scan_dateline(body);
    return match ? match->length : 0;
}

std::optional<int> DateParser::year_hint_from_path(std::string_view path) const {
    std::optional<int> found;
    std::size_t i = 0;
    while (i < path.size()) {
        if (!ascii::is_digit(path[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < path.size() && ascii::is_digit(path[end])) ++end;
        // A token is a digit run not glued to letters: "kcna_en_2011" yes, "user2011" no.
        const bool left_ok = i == 0 || !ascii::is_alpha(path[i - 1]);
        const bool right_ok = end == path.size() || !ascii::is_alpha(path[end]);
        if (end - i == 4 && left_ok && right_ok) {
            const int year = (path[i] - '0') * 1000 + (path[i + 1] - '0') * 100 +
                             (path[i + 2] - '0') * 10 + (path[i + 3] - '0');
            if (year >= 1900 && year <= 2099) {
                if (found && *found != year) return std::nullopt;
                found = year;
            }
        }
        i = end;
    }
    return found;
}

}  // namespace yalu
