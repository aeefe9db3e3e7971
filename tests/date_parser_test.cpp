// Tests for DateParser: every metadata shape, every kind of bad date, datelines in the shapes
// the corpus uses, dateline lengths and path year hints.

#include "date_parser.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace yalu {
namespace {

struct OkCase {
    std::string text;
    Date expected;
};

TEST(DateParser, AcceptsEveryShape) {
    const std::vector<OkCase> cases{
        {"2022-01-17", {2022, 1, 17}},
        {"  2022-01-17\n", {2022, 1, 17}},
        {"2022-1-7", {2022, 1, 7}},
        // Timestamps keep the calendar day as written, whatever the offset.
        {"2022-01-17T09:30:00+09:00", {2022, 1, 17}},
        {"2022-01-17T00:30:00Z", {2022, 1, 17}},
        {"2022-01-17T23:59:59-05:00", {2022, 1, 17}},
        {"2022-01-17 09:30:00", {2022, 1, 17}},
        {"2022-01-17T09:30:00.123+0900", {2022, 1, 17}},
        {"2022-01-17T09:30", {2022, 1, 17}},
        {"2022-01-17T09:30:00", {2022, 1, 17}},
        {"2022-01-17T09:30:00+09", {2022, 1, 17}},
        {"Jan. 17, 2022", {2022, 1, 17}},
        {"Jan 17, 2022", {2022, 1, 17}},
        {"Jan 17 2022", {2022, 1, 17}},
        {"January 17, 2022", {2022, 1, 17}},
        {"JANUARY 17, 2022", {2022, 1, 17}},
        {"january 17, 2022", {2022, 1, 17}},
        {"Sept. 5, 2022", {2022, 9, 5}},
        {"Sep. 5, 2022", {2022, 9, 5}},
        {"Sep 5, 2022", {2022, 9, 5}},
        {"September 5, 2022", {2022, 9, 5}},
        {"May 29, 2023", {2023, 5, 29}},
        {"Dec. 31, 1999", {1999, 12, 31}},
        {"17 January 2022", {2022, 1, 17}},
        {"17 Jan 2022", {2022, 1, 17}},
        {"17 Jan. 2022", {2022, 1, 17}},
        {"5 sept 2022", {2022, 9, 5}},
        {"2022.01.17", {2022, 1, 17}},
        {"2022. 1. 17.", {2022, 1, 17}},
        {"2022.1.17", {2022, 1, 17}},
        {"2022/01/17", {2022, 1, 17}},
        {"2022/1/7", {2022, 1, 7}},
        {"2022년 1월 17일", {2022, 1, 17}},
        {"2022년 01월 17일", {2022, 1, 17}},
        {"2022년1월17일", {2022, 1, 17}},
        {"2022 년 1 월 17 일", {2022, 1, 17}},
        {"2024-02-29", {2024, 2, 29}},
        {"2000-02-29", {2000, 2, 29}},
        {"1000-01-01", {1000, 1, 1}},
        {"9999-12-31", {9999, 12, 31}},
        {"1946-01-01", {1946, 1, 1}},
        // xs:date with its time zone, as schemas/article.xsd's DateType allows: the zone is
        // dropped as a timestamp's is (these validated and were "unrecognised").
        {"2022-01-17Z", {2022, 1, 17}},
        {"2022-01-17+09:00", {2022, 1, 17}},
        {"2022-01-17-05:00", {2022, 1, 17}},
    };
    const DateParser parser;
    for (const auto& c : cases) {
        const DateParse r = parser.parse(c.text);
        ASSERT_EQ(r.status, DateStatus::ok) << "'" << c.text << "': " << r.message;
        ASSERT_TRUE(r.date.has_value()) << c.text;
        EXPECT_EQ(*r.date, c.expected) << c.text << " -> " << r.date->iso();
        EXPECT_TRUE(r.message.empty()) << c.text;
    }
}

struct BadCase {
    std::string text;
    DateStatus status;
    std::string message;  // exact expected message; empty when only the status is checked
};

TEST(DateParser, ReportsMissingInvalidAndUnrecognised) {
    const std::vector<BadCase> cases{
        {"", DateStatus::missing, "empty date"},
        {"   \t\n", DateStatus::missing, "empty date"},
        {"2022-02-30", DateStatus::invalid,
         "impossible date '2022-02-30' (February 2022 has 28 days)"},
        {"2021-02-29", DateStatus::invalid,
         "impossible date '2021-02-29' (February 2021 has 28 days)"},
        {"2023-02-29", DateStatus::invalid,
         "impossible date '2023-02-29' (February 2023 has 28 days)"},
        {"1900-02-29", DateStatus::invalid,
         "impossible date '1900-02-29' (February 1900 has 28 days)"},
        {"2022-13-01", DateStatus::invalid,
         "impossible date '2022-13-01' (month 13 does not exist; months are 1..12)"},
        {"2022-00-10", DateStatus::invalid,
         "impossible date '2022-00-10' (month 0 does not exist; months are 1..12)"},
        {"2022-04-31", DateStatus::invalid,
         "impossible date '2022-04-31' (April 2022 has 30 days)"},
        {"2022-01-00", DateStatus::invalid,
         "impossible date '2022-01-00' (there is no day 0; days start at 1)"},
        {"2022-01-17T09:00:00+14:01", DateStatus::invalid,
         "impossible time in '2022-01-17T09:00:00+14:01' (hours 00..23, minutes 00..59, "
         "seconds 00..60, offset up to ±14:00)"},
        {"0999-12-31", DateStatus::invalid,
         "impossible date '0999-12-31' (year 999 is outside 1000..9999)"},
        {" 2022-02-30 ", DateStatus::invalid,
         "impossible date '2022-02-30' (February 2022 has 28 days)"},
        {"Feb. 30, 2022", DateStatus::invalid,
         "impossible date 'Feb. 30, 2022' (February 2022 has 28 days)"},
        {"31 April 2022", DateStatus::invalid,
         "impossible date '31 April 2022' (April 2022 has 30 days)"},
        {"2022.02.29", DateStatus::invalid,
         "impossible date '2022.02.29' (February 2022 has 28 days)"},
        {"2022/13/01", DateStatus::invalid, ""},
        {"2022년 2월 30일", DateStatus::invalid, ""},
        {"2022-01-17T25:00:00Z", DateStatus::invalid, ""},
        {"2022-01-17T09:61:00Z", DateStatus::invalid, ""},
        {"2022-02-30T09:00:00Z", DateStatus::invalid, ""},
        {"yesterday", DateStatus::unrecognised, ""},
        {"2022-01-17 extra", DateStatus::unrecognised, ""},
        {"2022-01-17T09:30:00+09:00 KST", DateStatus::unrecognised, ""},
        {"Jan. 17, 2022 (Monday)", DateStatus::unrecognised, ""},
        {"2022-01", DateStatus::unrecognised, ""},
        {"2022", DateStatus::unrecognised, ""},
        {"22-01-17", DateStatus::unrecognised, ""},
        {"17/01/2022", DateStatus::unrecognised, ""},
        {"Janu 17, 2022", DateStatus::unrecognised, ""},
        {"Jan. 17", DateStatus::unrecognised, ""},
        {"Jan. 17, 22", DateStatus::unrecognised, ""},
        {"20220117", DateStatus::unrecognised, ""},
        {"12022-01-17", DateStatus::unrecognised, ""},
        {"2022-01-171", DateStatus::unrecognised, ""},
        {"2022년 1월", DateStatus::unrecognised, ""},
        {"2022.01.17..", DateStatus::unrecognised, ""},
        {"2022-01-17-5", DateStatus::unrecognised, ""},
        {"2022-01-17+0900", DateStatus::unrecognised, ""},
        {"2022-01-17+15:00", DateStatus::invalid, ""},
    };
    const DateParser parser;
    for (const auto& c : cases) {
        const DateParse r = parser.parse(c.text);
        EXPECT_EQ(r.status, c.status) << "'" << c.text << "': " << r.message;
        EXPECT_FALSE(r.date.has_value()) << c.text;
        EXPECT_FALSE(r.message.empty()) << c.text;
        if (!c.message.empty()) {
            EXPECT_EQ(r.message, c.message) << c.text;
        }
    }
}

TEST(DateParser, UnrecognisedMessageQuotesTextAndListsShapes) {
    const DateParse r = DateParser{}.parse("  soon ");
    EXPECT_EQ(
        r.message,
        "unrecognised date 'soon': use YYYY-MM-DD, an ISO timestamp (2022-01-17T09:30:00+09:00), "
        "'Jan. 17, 2022', '17 January 2022', 'YYYY.MM.DD', 'YYYY/MM/DD' or 'YYYY년 M월 D일'");
}

struct DatelineCase {
    std::string dateline;  // the prefix dateline_length must measure; empty when none
    std::string rest;      // what follows it in the body
    int year_hint;
    std::optional<Date> expected;
};

TEST(DateParser, DatelinesInCorpusShapes) {
    const std::vector<DatelineCase> cases{
        {"SEOUL, Dec. 30 (Yonhap) -- ", "North Korea said.", 2025, Date{2025, 12, 30}},
        {"Pyongyang, May 29 (KCNA) -- ", "The", 2024, Date{2024, 5, 29}},
        {"PYONGYANG, December 24 (KCNA) -- ", "Japan", 2023, Date{2023, 12, 24}},
        {"WASHINGTON, Jan. 3 (Yonhap) -- ", "The", 2026, Date{2026, 1, 3}},
        {"SEOUL, Jan. 5 (Korea Herald) \xE2\x80\x94 ", "Text", 2026, Date{2026, 1, 5}},
        {"SEOUL, Jan. 5 (Yonhap) \xE2\x80\x93 ", "Text", 2026, Date{2026, 1, 5}},
        {"SEOUL, Dec. 29 (Yonhap) \xE2\x80\x94-", "The", 2025, Date{2025, 12, 29}},
        {"Pyongyang, January 12 (KCNA) --", "Kim", 2024, Date{2024, 1, 12}},
        {"Seoul, Sept. 5 (Yonhap) -- ", "x", 2022, Date{2022, 9, 5}},
        {"Seoul, sep 5 (Yonhap) --\n", "x", 2022, Date{2022, 9, 5}},
        {"  SEOUL, Dec. 30 (Yonhap) -- ", "x", 2025, Date{2025, 12, 30}},
        {"By Park Boram SEOUL, Dec. 28 (Yonhap) -- ", "North Korean leader", 2025,
         Date{2025, 12, 28}},
        {"By Song Sang-ho WASHINGTON, Jan. 3 (Yonhap) -- ", "x", 2026, Date{2026, 1, 3}},
        {"(ATTN: UPDATES with details; CHANGES headline)By Kim Eun-jung SEOUL, Dec. 29 (Yonhap) "
         "-- ",
         "Text", 2025, Date{2025, 12, 29}},
        {"(ATTN: UPDATES with details) GYEONGSAN, South Korea, Dec. 28 (Yonhap) -- ", "Text", 2025,
         Date{2025, 12, 28}},
        {"By Kim Seung-yeon SEOUL/MUAN, South Korea, Dec. 29 (Yonhap) -- ", "Text", 2025,
         Date{2025, 12, 29}},
        {"Dec. 29 (Yonhap) -- ", "Text", 2025, Date{2025, 12, 29}},
        // A year written in the dateline wins over the hint.
        {"(260106) -- TOKYO, Jan. 6, 2026 (Xinhua) -- ", "The", 2025, Date{2026, 1, 6}},
        // Leap day: real in 2024, impossible in 2023; still a dateline to skip.
        {"Pyongyang, February 29 (KCNA) -- ", "x", 2024, Date{2024, 2, 29}},
        // McCune-Reischauer city names: letters beyond ASCII, straight or curly apostrophe.
        {"P'y\u014Fngyang, Dec. 30 (KCNA) -- ", "Kim", 2024, Date{2024, 12, 30}},
        {"P\u2019y\u014Fngyang, Dec. 30 (KCNA) -- ", "Kim", 2024, Date{2024, 12, 30}},
        {"Pyongyang, February 29 (KCNA) -- ", "x", 2023, std::nullopt},
        {"SEOUL, Nov. 31 (Yonhap) -- ", "x", 2025, std::nullopt},
        // Not datelines.
        {"", "North Korea fired a missile on Dec. 30 (Yonhap) -- no", 2025, std::nullopt},
        {"", "The following is the weather forecast.", 2025, std::nullopt},
        {"", "One day in May Juche 106 (2017), the respected", 2024, std::nullopt},
        {"", "SEOUL, Dec. 30 -- no agency", 2025, std::nullopt},
        {"", "SEOUL, Dec. 30 (Yonhap) no dash", 2025, std::nullopt},
        {"", "SEOUL, Decem 30 (Yonhap) -- x", 2025, std::nullopt},
        {"", "SEOUL, Dec. (Yonhap) -- x", 2025, std::nullopt},
        {"", "SEOUL, Dec. 30 () -- x", 2025, std::nullopt},
        {"", "Closed school on Jeju Island (Yonhap)More than", 2025, std::nullopt},
        {"", "Kim Jong Un, general secretary of the WPK, said (KCNA) -- x", 2025, std::nullopt},
        {"", "By Kim Hyun-soo Seoul, Dec. 28 (Yonhap) -- x", 2025, std::nullopt},
        {"", "", 2025, std::nullopt},
    };
    const DateParser parser;
    for (const auto& c : cases) {
        const std::string body = c.dateline + c.rest;
        const auto got = parser.parse_dateline(body, c.year_hint);
        EXPECT_EQ(got, c.expected) << body << " -> " << (got ? got->iso() : "none");
        EXPECT_EQ(parser.dateline_length(body), c.dateline.size()) << body;
    }
}

TEST(DateParser, YearHintFromPath) {
    const std::vector<std::pair<std::string, std::optional<int>>> cases{
        {"archive/kcna_en_2011.jsonl", 2011},
        {"2022/01/x.txt", 2022},
        {"/data/2022/01/17/story-2022.xml", 2022},
        {"kcna_en_2023_2024.jsonl", std::nullopt},
        {"2021/rodong_2022.jsonl", std::nullopt},
        {"nk_new_year_addresses_ko_1946_2019.jsonl", std::nullopt},
        {"news.jsonl", std::nullopt},
        {"", std::nullopt},
        {"scans/1899/a.txt", std::nullopt},
        {"scans/2100/a.txt", std::nullopt},
        {"scans/1900/a.txt", 1900},
        {"scans/2099/a.txt", 2099},
        {"20220117.txt", std::nullopt},
        {"user2022/a.txt", std::nullopt},
        {"a-2015-b.txt", 2015},
        {"C:\\news\\2019\\a.txt", 2019},
        {"page_12345.html", std::nullopt},
    };
    const DateParser parser;
    for (const auto& [path, year] : cases) {
        EXPECT_EQ(parser.year_hint_from_path(path), year) << path;
    }
}

}  // namespace
}  // namespace yalu
