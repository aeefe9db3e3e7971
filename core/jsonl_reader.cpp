#include "jsonl_reader.hpp"

#include "utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <new>
#include <optional>
#include <string_view>
#include <vector>

namespace yalu {
namespace {

constexpr std::size_t npos = std::string::npos;

// A parser message quotes the text it last read, which for an unclosed string is the rest of
// the line (megabytes): keep its start, cut at a UTF-8 character boundary.
std::string shortened(std::string message) {
    constexpr std::size_t limit = 300;
    if (message.size() <= limit) return message;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
    message.resize(cut);
    return message + "...";
}

// Bytes of an oversized line kept to find its id in.
constexpr std::size_t kOversizedHead = 4096;

// Why read_line() skipped a line: it was over the record limit, or memory ran out while its
// text grew (the buffer keeps what it held, so only that line is lost).
enum class Skipped { none, too_long, no_memory };

// Reads one line into `out` without ever holding more than `limit` bytes of it: a line over
// the limit, or one that memory could not hold, is skipped to its end and reported through
// `skipped`, its first bytes left in `head` and its length (line end aside) in `length`;
// `ended` says whether a line end closed it (not the end of input). The stream is always left
// at the next line. False at end of input.
bool read_line(std::streambuf& in, std::string& out, std::size_t limit, Skipped& skipped,
               std::string& head, std::size_t& length, bool& ended) {
    out.clear();
    head.clear();
    skipped = Skipped::none;
    length = 0;
    ended = true;
    const auto skip = [&](Skipped why) {
        skipped = why;
        head.assign(out, 0, std::min(out.size(), kOversizedHead));
        out.clear();
        out.shrink_to_fit();
    };
    bool any = false;
    for (;;) {
        const auto c = in.sbumpc();
        if (c == std::char_traits<char>::eof()) {
            ended = false;
            return any;
        }
        any = true;
        if (c == '\n') break;
        // CR LF, and a lone CR (classic Mac line ends), which made the whole file one bad line.
        // JSON holds no raw CR but as white space between tokens, which no exporter writes.
        if (c == '\r') {
            if (in.sgetc() == '\n') in.sbumpc();
            break;
        }
        ++length;
        if (skipped != Skipped::none) continue;
        if (out.size() >= limit) {
            skip(Skipped::too_long);
            continue;
        }
        try {
            out += static_cast<char>(c);
        } catch (const std::bad_alloc&) {
            skip(Skipped::no_memory);
        }
    }
    return true;
}

// Finds the record's own "id" in the first bytes of a line too large to parse: nlohmann's SAX
// parser reads them event by event and stops at the id's value, before the cut-off text fails.
class HeadIdFinder : public nlohmann::json_sax<nlohmann::json> {
public:
    std::string id;  ///< the id found ("" when none)

    bool null() override { return scalar(); }
    bool boolean(bool) override { return scalar(); }
    bool number_integer(number_integer_t value) override { return scalar(std::to_string(value)); }
    bool number_unsigned(number_unsigned_t value) override { return scalar(std::to_string(value)); }
    bool number_float(number_float_t, const string_t&) override { return scalar(); }
    bool string(string_t& value) override { return scalar(value); }
    bool binary(binary_t&) override { return scalar(); }
    bool start_object(std::size_t) override { return open(); }
    bool start_array(std::size_t) override { return open(); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool key(string_t& key) override {
        at_id_ = depth_ == 1 && key == "id";
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

private:
    // A value: the id's ends the search (false stops the parser).
    bool scalar(std::string value = {}) {
        if (!at_id_ || depth_ != 1) return true;
        id = std::move(value);
        return false;
    }
    bool open() {
        if (at_id_ && depth_ == 1) return false;  // an object or array is no id
        ++depth_;
        return true;
    }
    bool close() {
        --depth_;
        return true;
    }

    int depth_ = 0;
    bool at_id_ = false;
};

// The value of the record's own "id" key when it is a string or an integer within `head`, the
// first bytes of a line too large to parse: a rejection with an id keeps --prune on for the
// night. Nesting is followed, so an "id" inside another value does not count.
std::string id_in_head(std::string_view head) {
    HeadIdFinder finder;
    (void)nlohmann::json::sax_parse(head, &finder, nlohmann::json::input_format_t::json, false);
    return finder.id;
}

int hex_value(std::string_view s, std::size_t at) {
    if (at + 4 > s.size()) return -1;
    int value = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
        const char c = s[i];
        const int d = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
        if (d < 0) return -1;
        value = value * 16 + d;
    }
    return value;
}

// Replaces every \uD800-\uDFFF escape that is not half of a pair by \uFFFD, counting them. An
// exporter that cuts a string inside a pair (an emoji, a rare CJK character) writes one;
// nlohmann::json refuses the whole line for it, which lost the article and, its id unread,
// stopped --prune for the night. Invalid UTF-8 bytes are repaired the same way.
std::string repair_lone_surrogates(std::string line, long& repaired) {
    if (line.find("\\u") == std::string::npos) return line;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        if (line[i] != '\\') continue;
        if (line[i + 1] != 'u') {
            ++i;  // \\, \" ...: the next character is escaped, never the start of one
            continue;
        }
        const int unit = hex_value(line, i + 2);
        if (unit < 0xD800 || unit > 0xDFFF) {
            i += 1;
            continue;
        }
        if (unit <= 0xDBFF && line.compare(i + 6, 2, "\\u") == 0) {
            const int low = hex_value(line, i + 8);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                i += 11;  // a proper pair
                continue;
            }
        }
        line.replace(i + 2, 4, "FFFD");
        ++repaired;
        i += 5;
    }
    return line;
}

// "bad JSON at column 15: syntax error while parsing object separator - unexpected '}';
// expected ':'": nlohmann's message without its tag ("[json.exception.parse_error.101]") and
// its "line 1" (the line inside the record, beside the file's own line number).
std::string json_error(const nlohmann::json::exception& e) {
    // nlohmann quotes the bytes it last read raw, so a line broken inside a Korean character
    // would quote part of it: invalid UTF-8 on stderr.
    std::string what = utf8::escape_invalid(e.what());
    if (const std::size_t tag = what.find("] "); what.starts_with("[json.") && tag != npos)
        what.erase(0, tag + 2);
    const auto* parse = dynamic_cast<const nlohmann::json::parse_error*>(&e);
    if (parse == nullptr) return "bad JSON: " + shortened(what);
    // "parse error at line 1, column 15: syntax error ..." (or "parse error: ..." without one).
    if (const std::size_t colon = what.find(": "); what.starts_with("parse error") && colon != npos)
        what.erase(0, colon + 2);
    return "bad JSON at column " + std::to_string(parse->byte) + ": " + shortened(what);
}

// A JSON value as a rejection names it: its type with an article and its text, cut short
// ("a number (1.5)", "an array ([\"p1\",\"p2\"])").
std::string a_json_value(const nlohmann::json& value) {
    const std::string type = value.type_name();
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > 40) {
        std::size_t cut = 40;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut) + "...";
    }
    const bool vowel = type.front() == 'a' || type.front() == 'o';
    return (vowel ? "an " : "a ") + type + " (" + text + ")";
}

// `keys` as the record wrote them, the first ten, each cut short: "id, headline, text".
std::string listed(const std::vector<std::string>& keys) {
    std::string out;
    for (std::size_t n = 0; n < keys.size(); ++n) {
        if (n == 10) return out + ", ...";
        std::size_t cut = std::min<std::size_t>(keys[n].size(), 40);
        while (cut < keys[n].size() && cut > 0 &&
               (static_cast<unsigned char>(keys[n][cut]) & 0xC0) == 0x80)
            --cut;
        out += (n == 0 ? "" : ", ") + keys[n].substr(0, cut) + (cut < keys[n].size() ? "..." : "");
    }
    return out;
}

// Why a file whose first non-blank line is `line` holds one JSON document instead of JSON
// Lines, or "" when it may be JSON Lines: a JSON array ("[" opens no record) or pretty-printed
// objects (a lone "{"). Read a line at a time, each of its lines was a rejection of its own
// ("bad JSON at column 9 ..."), ten for two articles, none saying what the file is.
std::string one_json_document(std::string_view line) {
    const std::size_t start = line.find_first_not_of(" \t");
    const std::size_t end = line.find_last_not_of(" \t\r");
    if (start == npos) return {};
    const std::string tail = "; nothing in it was read, and its articles were not pruned";
    if (line[start] == '[')
        return "the file is a JSON array, not JSON Lines (one JSON object per line): convert it "
               "with jq -c '.[]' FILE > FILE.jsonl" +
               tail;
    if (line.substr(start, end + 1 - start) == "{")
        return "the file holds pretty-printed JSON (each record over several lines), not JSON "
               "Lines (one JSON object per line): convert it with jq -c . FILE > FILE.jsonl" +
               tail;
    return {};
}

}  // namespace

JsonlReader::JsonlReader(ReaderSettings settings) : ArticleReader(settings) {}

std::optional<Article> JsonlReader::article_of(const std::string& line, const SourceLocation& where,
                                               bool last_unended, ArticleSink& sink) const {
    // nlohmann::json refuses invalid UTF-8, so the bytes are repaired (and reported) first.
    NormalizeReport report;
    long lone_surrogates = 0;
    const std::string repaired =
        repair_lone_surrogates(normalizer_.repair_utf8(line, report), lone_surrogates);
    // Judged on the line as read, before its fields' clean-up counts the U+FFFD it wrote.
    const auto not_utf8 = TextNormalizer::not_utf8_reason(report, "the record");
    nlohmann::json record;
    // nlohmann keeps the last of a repeated key without a word; the exporter that wrote
    // two "body" or "date" keys should hear which one Yalu read.
    std::vector<std::string> top_keys;
    std::string repeated_key;
    const auto note_keys = [&](int depth, nlohmann::json::parse_event_t event,
                               nlohmann::json& parsed) {
        if (depth == 1 && event == nlohmann::json::parse_event_t::key && parsed.is_string()) {
            const auto& key = parsed.get_ref<const std::string&>();
            if (repeated_key.empty() &&
                std::find(top_keys.begin(), top_keys.end(), key) != top_keys.end())
                repeated_key = key;
            top_keys.push_back(key);
        }
        return true;
    };
    try {
        record = nlohmann::json::parse(repaired, note_keys);
    } catch (const nlohmann::json::exception& e) {
        // parse_error for broken syntax, out_of_range for numbers too large to hold
        // (found by fuzzing: "888...E888..."); either way only this line is bad.
        if (last_unended && dynamic_cast<const nlohmann::json::parse_error*>(&e) != nullptr) {
            // Broken JSON with no line end after it, at the very end: the writer has not
            // finished the record (an export still running, a copy or a pipe cut short), not
            // an exporter writing bad JSON. Without an id, the night prunes nothing: the
            // records still to come would read as deleted.
            sink.reject({where, "",
                         std::string(where.path == "-"
                                         ? "standard input ended inside a record: its last line "
                                           "has no line end and is not complete JSON, so the "
                                           "producer stopped mid-record (killed or cut short); "
                                           "send the records again"
                                         : "the last line has no line end and is not complete "
                                           "JSON: the file is most likely still being written "
                                           "(an export in progress) or was cut short; rerun once "
                                           "the export has finished, or repair the file "
                                           "(complete or remove its last line)") +
                             " (" + json_error(e) + ")"});
            return std::nullopt;
        }
        sink.reject({where, "", json_error(e) + "; each line must be one complete JSON object"});
        return std::nullopt;
    }
    if (!record.is_object()) {
        sink.reject({where, "", "record is not a JSON object; write {\"id\": ..., \"body\": ...}"});
        return std::nullopt;
    }

    Article article;
    article.location = where;
    std::string raw_date;
    std::string bad_key;
    auto field = [&](const char* key, std::string& target, bool inline_text) {
        const auto it = record.find(key);
        if (it == record.end() || it->is_null()) return;
        const bool id = std::string_view(key) == "id";
        if (it->is_number_integer() && id) {
            target = it->dump();  // numeric ids are common in exports; their text is stable
            return;
        }
        if (!it->is_string()) {
            // What was found, so the exporter's mistake shows: 1.5, true, [...].
            if (bad_key.empty())
                bad_key = "key '" + std::string(key) + "' must be " +
                          (id ? "a string or a whole number" : "a string or null") + ", not " +
                          a_json_value(*it);
            return;
        }
        const auto& value = it->get_ref<const std::string&>();
        target = inline_text ? normalizer_.normalize_inline(value, report) : value;
    };
    field("id", article.id, true);
    field("source", article.source, true);
    field("url", article.url, true);
    field("date", raw_date, false);
    field("title", article.title, true);
    field("byline", article.byline, true);
    field("lang", article.lang, true);
    std::string body;
    field("body", body, false);
    if (!bad_key.empty()) {
        sink.reject({where, article.id, bad_key});
        return std::nullopt;
    }
    if (article.id.empty()) {
        sink.reject({where, "", "record without id; add a unique \"id\""});
        return std::nullopt;
    }
    // An exporter that names the text otherwise ("text", "content"): "empty body: the
    // record has no text" said nothing of where its text was.
    if (!record.contains("body")) {
        sink.reject({where, article.id,
                     "no \"body\" key: the record's keys are " + listed(top_keys) +
                         "; Yalu reads id, source, url, date, title, byline, lang and body "
                         "(null when missing): name the text \"body\""});
        return std::nullopt;
    }
    if (not_utf8) {
        sink.reject({where, article.id, *not_utf8});
        return std::nullopt;
    }
    article.paragraphs = normalizer_.paragraphs(body, report);
    if (report.invalid_utf8 > 0) {
        sink.warn(where,
                  TextNormalizer::invalid_utf8_warning(report, "in record '" + article.id + "'"));
    }
    if (report.control_chars > 0) {
        sink.warn(where,
                  TextNormalizer::control_chars_warning(report, "in record '" + article.id + "'",
                                                        "fix the exporter that wrote them"));
    }
    if (!repeated_key.empty()) {
        sink.warn(where, "key '" + repeated_key + "' appears more than once in record '" +
                             article.id +
                             "'; its last value was read; fix the exporter that wrote it");
    }
    if (lone_surrogates > 0) {
        sink.warn(where, std::to_string(lone_surrogates) +
                             " lone UTF-16 surrogate escape(s) (\\ud800-\\udfff without its "
                             "other half) replaced by U+FFFD in record '" +
                             article.id + "'; fix the exporter that cut a character in two");
    }
    if (!completer_.complete(article, raw_date, sink)) return std::nullopt;
    return article;
}

void JsonlReader::read(std::istream& in, const std::string& path, ArticleSink& sink) const {
    std::streambuf* buffer = in.rdbuf();
    if (buffer == nullptr) return;
    std::string line;
    std::string head;
    Skipped skipped = Skipped::none;
    std::size_t length = 0;
    bool ended = true;
    long line_no = 0;
    bool any_record = false;  // a line that is not blank, read or rejected
    // The id of a record that could not be read whole, from its first bytes; normalised as a
    // parsed record's id is, so --prune matches it with the stored one.
    const auto head_id = [&](std::string_view first) {
        NormalizeReport ignored;
        return normalizer_.normalize_inline(id_in_head(first.substr(0, kOversizedHead)), ignored);
    };
    while (read_line(*buffer, line, settings_.max_record_bytes, skipped, head, length, ended)) {
        ++line_no;
        const SourceLocation where{path, line_no};
        if (skipped != Skipped::none) {
            any_record = true;
            sink.reject({where, head_id(head),
                         skipped == Skipped::too_long
                             ? "line larger than " + settings_.record_limit() +
                                   " skipped; shorten the record or raise --max-record-mb"
                             : settings_.out_of_memory("reading the line", length)});
            continue;
        }
        if (line_no == 1 && !TextNormalizer::utf16_bom(line).empty()) {
            // Read as UTF-8, every line of a UTF-16 file is "bad JSON" on its own: say it once.
            sink.reject({where, "",
                         "the file is UTF-16 (byte-order mark), but JSON Lines are UTF-8: re-save "
                         "it as UTF-8 (iconv -f UTF-16 -t UTF-8); nothing in it was read"});
            return;
        }
        if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // byte-order mark
        // No JSON text holds a NUL byte: the zeros a crash or a full disk padded the file with,
        // a compressed file, UTF-16 without a byte-order mark. nlohmann reads one as the end of
        // the input ("bad JSON at column 1: ... unexpected end of input"), which said none of it.
        if (line.find('\0') != npos) {
            any_record = true;
            sink.reject({where, head_id(line),
                         TextNormalizer::nul_byte_reason(line, line_no,
                                                         "a JSON Lines file is UTF-8 text")});
            continue;
        }
        // Blank: white space or zero-width characters only (a no-break or ideographic space, a
        // U+200B), as yalu-search --queries reads a line; not a record without an id.
        if (utf8::is_blank(line)) continue;
        if (!any_record) {
            if (const std::string reason = one_json_document(line); !reason.empty()) {
                sink.reject({where, "", reason});
                return;
            }
        }
        any_record = true;
        // Out of memory while this record is parsed: only it is lost.
        deliver_record(
            sink, [&](ArticleSink& watched) { return article_of(line, where, !ended, watched); },
            [&]() -> Rejection {
                return {where, head_id(line),
                        settings_.out_of_memory("parsing the line", line.size())};
            });
    }
    // A file truncated to nothing (a failed export, a full disk during a copy) must not read as
    // "its articles left the sources": rejected without an id, it keeps --prune from deleting
    // them. An empty pipe ("-") is the run's to judge (Indexer): with --prune and nothing else
    // read, no article at all (exit 66); otherwise rejected like this.
    if (!any_record && path != "-")
        sink.reject({{path, 1},
                     "",
                     "empty file: no record at all (a failed or cut-off export?); its articles "
                     "were not pruned; write the records again, or remove the file to prune them"});
}

}  // namespace yalu
