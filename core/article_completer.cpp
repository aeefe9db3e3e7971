#include "article_completer.hpp"

#include "date_period.hpp"
#include "language_code.hpp"
#include "text_normalizer.hpp"
#include "url.hpp"

#include "utf8.hpp"

#include "byline.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <optional>
#include <utility>

namespace yalu {
namespace {

constexpr std::size_t title_limit = 120;  // code points

bool is_blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Words that end in a full stop without ending the sentence ("Dec. 30", "Mr. Moon").
bool is_abbreviation(std::string_view word) {
    static constexpr std::array<std::string_view, 30> known = {
        "Mr",  "Mrs", "Ms",  "Dr",  "Prof", "Gen",  "Lt",  "Col", "Sgt",  "Rep",
        "Sen", "Gov", "St",  "No",  "vs",   "etc",  "Inc", "Co",  "Corp", "Ltd",
        "Jan", "Feb", "Mar", "Apr", "Aug",  "Sept", "Sep", "Oct", "Nov",  "Dec"};
    if (word.size() == 1 && std::isupper(static_cast<unsigned char>(word[0])))
        return true;                                            // "U.S."
    if (word.find('.') != std::string_view::npos) return true;  // "U.S" before the last stop
    return std::find(known.begin(), known.end(), word) != known.end();
}

// Byte length of the first sentence of `text` (including its end mark), or text.size().
std::size_t first_sentence_length(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        std::size_t end = i + 1;
        if (c == '.' || c == '!' || c == '?') {
            // A closing quote or bracket belongs to the sentence it ends.
            while (end < text.size()) {
                if (text.compare(end, 3, "\xE2\x80\x9D") == 0 ||
                    text.compare(end, 3, "\xE2\x80\x99") == 0)
                    end += 3;
                else if (text[end] == '"' || text[end] == '\'' || text[end] == ')')
                    ++end;
                else
                    break;
            }
            if (end < text.size() && text[end] != ' ') continue;  // "3.5", "yna.co.kr"
            if (c == '.') {
                std::size_t w = i;
                while (w > 0 && text[w - 1] != ' ') --w;
                if (is_abbreviation(text.substr(w, i - w))) continue;
            }
            return end;
        }
        if (text.compare(i, 3, "\xE3\x80\x82") == 0) return i + 3;  // 。
    }
    return text.size();
}

// Cuts `text` to at most `limit` code points at a word boundary and marks the cut with "…".
std::string shorten(std::string_view text, std::size_t limit) {
    std::size_t i = 0, count = 0;
    while (i < text.size() && count < limit) {
        (void)utf8::next(text, i);  // only the advance matters here
        ++count;
    }
    if (i >= text.size()) return std::string(text);
    std::size_t cut = i;
    const std::size_t space = text.rfind(' ', i);
    // Prefer a word boundary unless it would throw away most of the text (long Hangul runs).
    if (space != std::string_view::npos && space > i / 2) cut = space;
    while (cut > 0 && is_continuation(text[cut])) --cut;
    std::string out(text.substr(0, cut));
    while (!out.empty() &&
           (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':'))
        out.pop_back();
    return out + "\xE2\x80\xA6";
}

}  // namespace

ArticleCompleter::ArticleCompleter(ReaderSettings settings) : settings_(settings) {}

std::string ArticleCompleter::derive_title(const std::vector<std::string>& paragraphs) const {
    if (paragraphs.empty()) return {};
    std::string_view first = paragraphs.front();
    // "SEOUL, Dec. 30 (Yonhap) -- North Korea ..." : the dateline is no part of a headline.
    const std::size_t dateline = dates_.dateline_length(first);
    if (dateline > 0 && dateline < first.size()) first.remove_prefix(dateline);
    std::string_view sentence = first.substr(0, first_sentence_length(first));
    while (!sentence.empty() && sentence.back() == ' ') sentence.remove_suffix(1);
    if (!sentence.empty() && sentence.back() == '.') sentence.remove_suffix(1);
    return shorten(sentence, title_limit);
}

std::string ArticleCompleter::detect_lang(std::string_view text) {
    std::size_t hangul = 0, latin = 0;
    std::size_t i = 0;
    // The first few thousand bytes decide; reading a whole speech changes nothing.
    while (i < text.size() && i < 8192) {
        const char32_t cp = utf8::next(text, i);
        if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
            (cp >= 0x3130 && cp <= 0x318F))
            ++hangul;
        else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
            ++latin;
    }
    // A Hangul syllable carries about three Latin letters' worth of text, hence the low share.
    if (hangul > 0 && hangul * 10 >= (hangul + latin) * 3) return "ko";
    if (latin > 0) return "en";
    return {};
}

std::string ArticleCompleter::source_for_email(std::string_view email) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> known = {{
        {"heraldcorp.com", "The Korea Herald"},
        {"yna.co.kr", "Yonhap"},
        {"koreatimes.co.kr", "The Korea Times"},
        {"joongang.co.kr", "Korea JoongAng Daily"},
        {"chosun.com", "The Chosun Ilbo"},
    }};
    const std::size_t at = email.rfind('@');
    if (at == std::string_view::npos) return {};
    std::string domain(email.substr(at + 1));
    std::transform(domain.begin(), domain.end(), domain.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& [suffix, name] : known) {
        const bool exact = domain == suffix;
        const bool sub = domain.size() > suffix.size() && domain.ends_with(suffix) &&
                         domain[domain.size() - suffix.size() - 1] == '.';
        if (exact || sub) return std::string(name);
    }
    return {};
}

bool ArticleCompleter::complete(Article& article, std::string_view raw_date,
                                ArticleSink& sink) const {
    // The id becomes a Xapian term, and Xapian refuses terms over 245 bytes: one such record
    // would otherwise stop the whole run at its commit.
    if (article.id.size() > max_id_bytes) {
        sink.reject({article.location, article.id.substr(0, 64) + "...",
                     "id of " + std::to_string(article.id.size()) + " bytes; ids are limited to " +
                         std::to_string(max_id_bytes) + " bytes: shorten it"});
        return false;
    }
    // An id that is no UTF-8 comes from a file name in a legacy encoding (a Korean Windows zip
    // unpacked as CP949 bytes): JSON output showed it with U+FFFD, which neither --show nor
    // id: finds. Rejected under it, so --prune keeps what an earlier run indexed under it.
    if (!utf8::is_valid(article.id)) {
        sink.reject({article.location, article.id,
                     "the id '" + article.id +
                         "' (the file's name) is not UTF-8: a name in a legacy encoding such as "
                         "CP949 (Korean Windows) or Latin-1 would be listed with U+FFFD, which no "
                         "search finds; rename the file in UTF-8 (convmv -f cp949 -t utf8 "
                         "--notest FILE, or -f latin1) or give it an id"});
        return false;
    }
    if (article.paragraphs.empty()) {
        sink.reject(
            {article.location, article.id,
             "empty body: the record has no text; add the article text or drop the record"});
        return false;
    }
    // A title of megabytes (an exporter that wrote the body into it) was stored whole, and
    // every result list showing the article carried it.
    for (const auto& [name, field] :
         {std::pair<std::string_view, std::string*>{"title", &article.title},
          {"byline", &article.byline},
          {"source", &article.source}}) {
        if (field->size() <= max_field_bytes) continue;
        const std::size_t size = field->size();
        std::size_t cut = max_field_bytes - 3;  // room for the ellipsis
        while (cut > 0 && is_continuation((*field)[cut])) --cut;
        field->resize(cut);
        *field += "\u2026";
        sink.warn(article.location, std::string(name) + " of " + std::to_string(size) +
                                        " bytes, longer than any real one: cut to " +
                                        std::to_string(max_field_bytes) +
                                        " bytes; fix the exporter that wrote it");
    }

    // Read as every text field is (a .txt date comes from normalised text): a no-break space,
    // a zero-width mark or a byte-order mark around a JSON Lines or XML date made it
    // "unrecognised date ' 2024-01-02 '", a warning quoting a date that looks right; fullwidth
    // digits count as ASCII, as in the date options.
    NormalizeReport ignored;
    const std::string date_text =
        utf8::fold_width(TextNormalizer().normalize_inline(raw_date, ignored));
    std::string date_problem;
    if (!is_blank(date_text)) {
        const DateParse parsed = dates_.parse(date_text);
        if (parsed.status == DateStatus::ok) {
            article.date = parsed.date;
            article.date_origin = DateOrigin::metadata;
            // 2999 for 2019 was indexed unsaid: first in every --sort newest, and --stats showed
            // the archive running to 2999. Tomorrow is some time zone's today.
            const Date today = DatePeriod::today();
            if (parsed.date->days_since_epoch() > today.days_since_epoch() + 1) {
                sink.warn(article.location,
                          "date " + DateParser::quote(parsed.date->iso()) + " is after today (" +
                              today.iso() +
                              "): indexed with it, so it sorts first as the newest; fix it if it "
                              "is a typo");
            }
        } else {
            // DateParser's message usually quotes the value already; the warning must name it
            // either way, as the parser read it: without the white space around it (the seed
            // shape's " date 2022-13-45 " quoted its leading space and the value twice), which
            // normalize_inline trimmed.
            const std::string shown = DateParser::quote(date_text);
            date_problem = parsed.message.find(shown) != std::string::npos
                               ? parsed.message
                               : "unusable date " + shown +
                                     (parsed.message.empty() ? "" : ": " + parsed.message);
        }
    }
    const bool raw_date_problem = !date_problem.empty();
    if (!article.date) {
        // Wire copy often carries its day only in the dateline; the year then comes from the
        // file name (a dateline year, when written, wins inside parse_dateline).
        // The file name is asked first: a year in a parent folder (a checkout under /tmp/ci-2025)
        // says less than "wire_2024.jsonl" and would otherwise make the hint ambiguous.
        // The folders are read from the absolute path, as the index stores it: a run from
        // inside the archive (`cd archive-2021 && yalu-index w9.txt`) must date the article as a
        // run naming the folder does, or each run would re-date and rewrite it.
        const std::filesystem::path path(article.location.path);
        std::optional<int> hint_year = dates_.year_hint_from_path(path.filename().string());
        if (!hint_year && article.location.path != "-") {
            std::error_code ec;
            const auto absolute = std::filesystem::absolute(path, ec);
            hint_year =
                dates_.year_hint_from_path((ec ? path : absolute.lexically_normal()).string());
        }
        const int hint = hint_year.value_or(0);
        if (auto d = dates_.parse_dateline(article.paragraphs.front(), hint)) {
            article.date = d;
            article.date_origin = DateOrigin::dateline;
        } else if (date_problem.empty()) {
            // "PYONGYANG, Feb. 29 (KCNA) --" in a 2023 file: not "no date" but a wrong one.
            date_problem = dates_.dateline_problem(article.paragraphs.front(), hint);
        }
    }
    if (!article.date && settings_.require_date) {
        const std::string what = date_problem.empty() ? std::string("no date") : date_problem;
        sink.reject({article.location, article.id,
                     what + " (a date is required): give the record a date such as 2022-01-17"});
        return false;
    }
    if (!date_problem.empty()) {
        sink.warn(article.location,
                  date_problem +
                      (article.date ? "; used the dateline's " + article.date->iso()
                                    : std::string("; indexed without a date")) +
                      (raw_date_problem ? "; fix the date to YYYY-MM-DD"
                                        : "; fix the dateline or give the record a date "
                                          "(YYYY-MM-DD)"));
    } else if (!article.date) {
        sink.warn(article.location,
                  "no date: indexed without a date; add one (YYYY-MM-DD) to allow date filters");
    }

    if (article.email.empty() && !article.byline.empty()) {
        Byline b = Byline::parse(article.byline);
        article.byline = std::move(b.name);
        article.email = std::move(b.email);
    }
    if (article.title.empty()) {
        article.title = derive_title(article.paragraphs);
        article.title_derived = true;
    }
    // A language code as the filters expect it (en, ko): lower case, the primary subtag of a
    // regional tag (en-US, ko_KR).
    if (!article.lang.empty()) {
        if (auto code = language_code(article.lang)) {
            // Stored, as its primary subtag, but said: xx-garbage!! was stored as xx silently.
            if (!is_language_tag(article.lang))
                sink.warn(article.location,
                          "malformed lang '" + article.lang.substr(0, 32) + "' in record '" +
                              article.id + "': stored '" + *code +
                              "', its first part; give a code such as en, ko or en-US");
            article.lang = std::move(*code);
        } else {
            const std::string tag = article.lang;
            article.lang = detect_lang(article.title + "\n" + article.paragraphs.front());
            sink.warn(article.location, "unusable lang '" + tag.substr(0, 32) +
                                            "': used the detected '" + article.lang +
                                            "'; give a code such as en or ko");
        }
    }
    if (article.lang.empty())
        article.lang = detect_lang(article.title + "\n" + article.paragraphs.front());
    if (article.source.empty()) article.source = source_for_email(article.email);
    // Its host is the article's site term, and Xapian refuses a term that long: kept as a site
    // it failed the commit of the whole run. The url stays stored as the record gave it.
    if (const std::string host = url::host(article.url); host.size() > url::max_host_bytes) {
        std::size_t shown = 40;  // a UTF-8 character is not cut in two
        while (shown > 0 && is_continuation(host[shown])) --shown;
        sink.warn(article.location,
                  "the url's host is " + std::to_string(host.size()) + " bytes ('" +
                      host.substr(0, shown) + "...'), longer than any site's (at most " +
                      std::to_string(url::max_host_bytes) +
                      " bytes are kept): indexed without its site, so site: will not find it; "
                      "fix the url");
    }
    return true;
}

}  // namespace yalu
