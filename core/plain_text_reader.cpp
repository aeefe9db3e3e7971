#include "plain_text_reader.hpp"

#include "ascii.hpp"
#include "byline.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <new>
#include <optional>
#include <vector>

namespace yalu {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Reads at most `limit` + 1 bytes so an oversized file is noticed without loading all of it.
std::string slurp(std::istream& in, std::size_t limit, bool& too_long) {
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > limit) {
            too_long = true;
            return {};
        }
    }
    return text;
}

std::string file_stem(const std::string& path) {
    return std::filesystem::path(path).stem().string();
}

// The first line's leading "date" marker (also "date:", any case, leading spaces): true with
// the position after it, or false when the line does not start with the word "date".
bool after_date_word(std::string_view line, std::size_t& at) {
    std::size_t i = 0;
    while (i < line.size() && is_space(line[i])) ++i;
    if (line.size() - i < 4) return false;
    const std::string_view word = line.substr(i, 4);
    if (!((word[0] == 'd' || word[0] == 'D') && (word[1] == 'a' || word[1] == 'A') &&
          (word[2] == 't' || word[2] == 'T') && (word[3] == 'e' || word[3] == 'E'))) {
        return false;
    }
    i += 4;
    // "date" must be a word of its own: "Dateline ..." or "Dates of ..." are body text; after a
    // colon the value may follow at once ("date:2022-01-17").
    if (i < line.size() && line[i] == ':')
        ++i;
    else if (i < line.size() && !is_space(line[i]))
        return false;
    at = i;
    return true;
}

// Where a date may end among the first `n` white-space separated tokens after `from`: each
// token's end and, inside a token, each digit followed by a letter, since a body glued to its
// date ("2022-01-17North Korea ...", "2022-01-17T09:30:00+09:00북한은") leaves no space to cut
// at. In text order, so the last is the longest.
// Bytes a date line's date may take: the longest shape, an ISO timestamp with a fraction and
// an offset, is 29; "September 30, 2022" 18. Nothing further is tried, so a first line of
// megabytes without a space ("1a1a...") costs no parse per digit in it.
constexpr std::size_t kLongestDate = 64;

std::vector<std::size_t> date_ends(std::string_view line, std::size_t from, std::size_t n) {
    std::vector<std::size_t> ends;
    const std::size_t last = std::min(line.size(), from + kLongestDate);
    std::size_t i = from;
    for (std::size_t tokens = 0; tokens < n; ++tokens) {
        while (i < last && is_space(line[i])) ++i;
        if (i >= last) break;
        for (++i; i < line.size() && !is_space(line[i]); ++i) {
            if (i > last) return ends;
            const auto c = static_cast<unsigned char>(line[i]);
            if (ascii::is_digit(line[i - 1]) && (ascii::is_alpha(line[i]) || c >= 0x80))
                ends.push_back(i);
        }
        if (i > last) return ends;
        ends.push_back(i);
    }
    return ends;
}

// Whether the text from `from` to `end` tries to be a date ("17/01/2022", "2022-13-45x"): it
// holds a digit and is no longer than a date. A word ("North" of " date  North Korea ...", an
// exporter's empty date) is the body's, not an unusable date.
bool tries_date(std::string_view line, std::size_t from, std::size_t end) {
    const std::string_view value = line.substr(from, end - from);
    return value.size() <= kLongestDate &&
           std::any_of(value.begin(), value.end(), [](char c) { return ascii::is_digit(c); });
}

// Yonhap's end mark after the credit: "(END)", "(끝)".
bool is_end_mark(std::string_view line) {
    return line == "(END)" || line == "(End)" || line == "(끝)";
}

}  // namespace

PlainTextReader::PlainTextReader(ReaderSettings settings) : ArticleReader(settings) {}

void PlainTextReader::read(std::istream& in, const std::string& path, ArticleSink& sink) const {
    const std::optional<std::size_t> size = bytes_left(in);
    // Out of memory while the file is read or its article made: only this file is lost.
    deliver_record(
        sink, [&](ArticleSink& watched) { return article_of(in, path, watched); },
        [&]() -> Rejection {
            return {{path, 1},
                    file_stem(path),
                    settings_.out_of_memory("reading the file", size.value_or(0))};
        });
}

std::optional<Article> PlainTextReader::article_of(std::istream& in, const std::string& path,
                                                   ArticleSink& sink) const {
    Article article;
    article.id = file_stem(path);
    article.location = {path, 1};

    bool too_long = false;
    std::string raw = slurp(in, settings_.max_record_bytes, too_long);
    if (too_long) {
        sink.reject({article.location, article.id,
                     "file larger than " + settings_.record_limit() +
                         "; split it or raise --max-record-mb"});
        return std::nullopt;
    }

    // Notepad's "Unicode" is UTF-16 with a byte-order mark: read as bytes, its date was lost
    // and its text interleaved with NULs.
    std::string content;
    if (const std::string_view utf16 = TextNormalizer::utf16_bom(raw); !utf16.empty()) {
        auto converted = TextNormalizer::to_utf8(raw, std::string(utf16));
        if (!converted) {
            sink.reject({article.location, article.id,
                         "the file is UTF-16 (byte-order mark) but cannot be decoded; re-save it "
                         "as UTF-8"});
            return std::nullopt;
        }
        content = std::move(*converted);
    } else {
        content = std::move(raw);
    }
    if (const long line = TextNormalizer::first_nul_line(content); line > 0) {
        sink.reject(
            {{path, line},
             article.id,
             TextNormalizer::nul_byte_reason(content, line, "a .txt article is UTF-8 text")});
        return std::nullopt;
    }

    NormalizeReport report;
    std::vector<std::string> lines = normalizer_.paragraphs(content, report);
    if (lines.empty()) {
        sink.reject({article.location, article.id,
                     "empty file: no text at all; remove it or add the article"});
        return std::nullopt;
    }
    if (const auto reason = TextNormalizer::not_utf8_reason(report, "the file")) {
        sink.reject({{path, report.first_invalid_utf8_line}, article.id, *reason});
        return std::nullopt;
    }
    if (report.invalid_utf8 > 0) {
        sink.warn(
            {path, report.first_invalid_utf8_line},
            TextNormalizer::invalid_utf8_warning(
                report, "(first on line " + std::to_string(report.first_invalid_utf8_line) + ")"));
    }
    if (report.control_chars > 0) {
        sink.warn(
            {path, report.first_control_line},
            TextNormalizer::control_chars_warning(
                report,
                "in the file (first on line " + std::to_string(report.first_control_line) + ")",
                "remove them, or fix the program that wrote the file"));
    }

    std::string raw_date;
    if (std::size_t after = 0; after_date_word(lines.front(), after)) {
        // The marker alone on its line: the date opens the next one.
        const bool alone = lines.front().find_first_not_of(' ', after) == std::string::npos;
        const bool seed_marker = lines.front().rfind("date ", 0) == 0 ||
                                 lines.front().rfind("date:", 0) == 0 ||
                                 (alone && lines.front() == "date");
        const std::size_t at = alone ? 1 : 0;
        const std::size_t from = alone ? 0 : after;
        const std::string line = at < lines.size() ? lines[at] : std::string();
        // The longest run of up to four words that reads as a date ("2022-01-17",
        // "Jan. 17, 2022", "2022년 1월 17일"); the text runs on after it.
        std::size_t date_end = 0;
        const auto ends = date_ends(line, from, 4);
        for (std::size_t k = ends.size(); k > 0 && date_end == 0; --k) {
            const DateParse parsed =
                dates_.parse(std::string_view(line).substr(from, ends[k - 1] - from));
            if (parsed.status == DateStatus::ok || parsed.status == DateStatus::invalid)
                date_end = ends[k - 1];
        }
        // No date there: the seed shape (" date " in lower case) still marks a first word that
        // tries to be a date as the (unusable) date, and drops the marker before a body word;
        // a capital "Date and venue ..." is the article's first sentence.
        if (date_end == 0 && seed_marker && !alone) {
            const std::size_t word_end = line.find(' ', line.find_first_not_of(' ', from));
            const std::size_t first = word_end == std::string::npos ? line.size() : word_end;
            date_end = tries_date(line, from, first) ? first : from;
        }
        if (date_end > 0) {
            raw_date = line.substr(from, date_end - from);
            lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(at));
            const std::size_t text = line.find_first_not_of(' ', date_end);
            if (text == std::string::npos)
                lines.erase(lines.begin());
            else
                lines.front() = line.substr(text);
        }
    }
    while (lines.size() > 1 && is_end_mark(lines.back())) lines.pop_back();

    // The credit may wrap: "By Ahn Sung-mi (sahn@heraldcorp.com" + ")" on the next line, or
    // inside the address; the closing lines are the credit when, joined, they read as one.
    // Four lines hold two credits wrapped before their ")" each.
    const std::size_t window = std::min<std::size_t>(4, lines.size());
    for (std::size_t k = lines.size() - window; k < lines.size(); ++k) {
        std::string joined;
        for (std::size_t j = k; j < lines.size(); ++j) {
            const bool closes_later =
                std::any_of(lines.begin() + static_cast<std::ptrdiff_t>(j), lines.end(),
                            [](const std::string& l) { return l.find(')') != std::string::npos; });
            if (!joined.empty() && !Byline::breaks_address(joined, lines[j], closes_later))
                joined += ' ';
            joined += lines[j];
        }
        if (Byline::looks_like_credit(joined)) {
            Byline credit = Byline::parse(joined);
            article.byline = std::move(credit.name);
            article.email = std::move(credit.email);
            lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(k), lines.end());
            break;
        }
    }
    article.paragraphs = std::move(lines);
    if (!completer_.complete(article, raw_date, sink)) return std::nullopt;
    return article;
}

}  // namespace yalu
