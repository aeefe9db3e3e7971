#pragma once
// DateParser: publication dates from metadata strings and from news datelines.

#include "date.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace yalu {

/// Outcome of parsing one date string.
enum class DateStatus {
    ok,            ///< `date` holds the day
    missing,       ///< the text was empty or blank
    invalid,       ///< the shape was recognised but the day does not exist (2022-02-30)
    unrecognised,  ///< no known date shape
};

/// Result of DateParser::parse: a status, the day when ok, and a human message otherwise.
struct DateParse {
    DateStatus status = DateStatus::missing;  ///< what happened
    std::optional<Date> date;                 ///< set when status == ok
    std::string message;                      ///< why it failed, quoting the text; empty when ok
};

/// Parses the date shapes news metadata uses: ISO dates and timestamps (with offsets),
/// "Jan. 17, 2022", "January 17, 2022", "17 January 2022", "2022.01.17", "2022/01/17",
/// "2022년 1월 17일". Stateless; safe to share between threads.
class DateParser {
public:
    /// Parses a whole metadata value (surrounding white space ignored).
    [[nodiscard]] DateParse parse(std::string_view text) const;

    /// `text` in quotes as the messages name a value: whole up to 60 bytes, else its start (cut
    /// at a character) with "..." and its length in bytes, so a 1 MB field is no 1 MB log line.
    [[nodiscard]] static std::string quote(std::string_view text);

    /// Finds a dateline at the start of a body ("SEOUL, Dec. 30 (Yonhap) --",
    /// "Pyongyang, May 29 (KCNA) --") and returns its day, taking the year from `year_hint`
    /// (the year known from context); nullopt when there is no dateline or it is impossible.
    [[nodiscard]] std::optional<Date> parse_dateline(std::string_view body, int year_hint) const;

    /// Why the dateline at the start of `body` names no real day ("the dateline's day,
    /// February 29, does not exist in 2023 ..."); "" when there is no dateline, no year for
    /// it, or its day exists.
    [[nodiscard]] std::string dateline_problem(std::string_view body, int year_hint) const;

    /// Bytes of the dateline prefix (any note or "By NAME" credit, the dash, trailing space), or 0.
    [[nodiscard]] std::size_t dateline_length(std::string_view body) const;

    /// The 4-digit year 1900..2099 named in `path` ("kcna_en_2011.jsonl"); nullopt if none or two.
    [[nodiscard]] std::optional<int> year_hint_from_path(std::string_view path) const;
};

}  // namespace yalu
