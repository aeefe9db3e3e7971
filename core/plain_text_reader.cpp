#include "plain_text_reader.hpp"

#include "byline.hpp"

#include <filesystem>
#include <iterator>
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

// Splits a leading "date YYYY-MM-DD" (also "date:", any case, leading spaces) off the first
// line; returns the date token and the rest of the line, or nothing when there is no date line.
bool split_date_line(std::string_view line, std::string& token, std::string& rest) {
    std::size_t i = 0;
    while (i < line.size() && is_space(line[i])) ++i;
    if (line.size() - i < 4) return false;
    const std::string_view word = line.substr(i, 4);
    if (!((word[0] == 'd' || word[0] == 'D') && (word[1] == 'a' || word[1] == 'A') &&
          (word[2] == 't' || word[2] == 'T') && (word[3] == 'e' || word[3] == 'E'))) {
        return false;
    }
    i += 4;
    if (i < line.size() && line[i] == ':') ++i;
    // "date" must be a word of its own: "Dateline ..." or "Dates of ..." are body text.
    if (i < line.size() && !is_space(line[i])) return false;
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i == start) return false;
    token = std::string(line.substr(start, i - start));
    rest = std::string(line.substr(i));
    return true;
}

}  // namespace

PlainTextReader::PlainTextReader(ReaderSettings settings) : ArticleReader(settings) {}

void PlainTextReader::read(std::istream& in, const std::string& path, ArticleSink& sink) const {
    Article article;
    article.id = file_stem(path);
    article.location = {path, 1};

    bool too_long = false;
    const std::string raw = slurp(in, settings_.max_record_bytes, too_long);
    if (too_long) {
        sink.reject({article.location, article.id,
                     "file larger than max_record_bytes (" +
                         std::to_string(settings_.max_record_bytes) +
                         " bytes); split it or raise the limit"});
        return;
    }

    NormalizeReport report;
    std::vector<std::string> lines = normalizer_.paragraphs(raw, report);
    if (lines.empty()) {
        sink.reject({article.location, article.id,
                     "empty file: no text at all; remove it or add the article"});
        return;
    }
    if (report.invalid_utf8 > 0) {
        sink.warn({path, report.first_invalid_utf8_line},
                  std::to_string(report.invalid_utf8) +
                      " invalid UTF-8 sequence(s) replaced by U+FFFD (first on line " +
                      std::to_string(report.first_invalid_utf8_line) +
                      "); re-save the file as UTF-8");
    }

    std::string raw_date;
    std::string rest;
    if (split_date_line(lines.front(), raw_date, rest)) {
        if (rest.find_first_not_of(' ') == std::string::npos)
            lines.erase(lines.begin());
        else
            lines.front() = rest.substr(rest.find_first_not_of(' '));
    }

    // The credit may wrap: "By Ahn Sung-mi (sahn@heraldcorp.com" + ")" on the next line.
    const std::size_t window = std::min<std::size_t>(3, lines.size());
    for (std::size_t k = lines.size() - window; k < lines.size(); ++k) {
        std::string joined;
        for (std::size_t j = k; j < lines.size(); ++j) {
            if (!joined.empty()) joined += ' ';
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
    if (!completer_.complete(article, raw_date, sink)) return;
    sink.accept(std::move(article));
}

}  // namespace yalu
