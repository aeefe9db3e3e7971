#include "text_normalizer.hpp"

#include "ascii.hpp"
#include "utf8.hpp"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <new>
#include <string>
#include <utility>

namespace yalu {
namespace {

constexpr char32_t replacement_char = 0xFFFD;

// White space other than '\n' that should read as a plain space (NBSP, en/em spaces, ideographic
// space ...); zero-width characters are handled separately because they must vanish instead.
bool is_unicode_space(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == 0x0B || cp == 0x0C || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

// HTML5 maps numeric references 128..159 to Windows-1252 because that is what authors meant.
char32_t cp1252(char32_t cp) {
    static constexpr std::array<char32_t, 32> table = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    return table[cp - 0x80];
}

struct NamedEntity {
    std::string_view name;
    char32_t cp;
};

// The named entities news feeds actually use; anything else is left untouched.
constexpr std::array<NamedEntity, 52> named_entities = {{
    {"amp", '&'},       {"lt", '<'},       {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},     {"nbsp", 0xA0},    {"hellip", 0x2026}, {"mdash", 0x2014},
    {"ndash", 0x2013},  {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C},
    {"rdquo", 0x201D},  {"sbquo", 0x201A}, {"bdquo", 0x201E},  {"middot", 0xB7},
    {"bull", 0x2022},   {"laquo", 0xAB},   {"raquo", 0xBB},    {"lsaquo", 0x2039},
    {"rsaquo", 0x203A}, {"copy", 0xA9},    {"reg", 0xAE},      {"trade", 0x2122},
    {"deg", 0xB0},      {"times", 0xD7},   {"divide", 0xF7},   {"plusmn", 0xB1},
    {"euro", 0x20AC},   {"pound", 0xA3},   {"yen", 0xA5},      {"cent", 0xA2},
    {"won", 0x20A9},    {"sect", 0xA7},    {"para", 0xB6},     {"shy", 0xAD},
    {"ensp", 0x2002},   {"emsp", 0x2003},  {"thinsp", 0x2009}, {"zwsp", 0x200B},
    {"prime", 0x2032},  {"Prime", 0x2033}, {"frac12", 0xBD},   {"frac14", 0xBC},
    {"frac34", 0xBE},   {"eacute", 0xE9},  {"egrave", 0xE8},   {"ouml", 0xF6},
    {"uuml", 0xFC},     {"auml", 0xE4},    {"larr", 0x2190},   {"rarr", 0x2192},
}};

// Tries to decode an entity starting at s[i] == '&'; returns the code point and its length.
std::pair<char32_t, std::size_t> match_entity(std::string_view s, std::size_t i) {
    const std::size_t semi = s.find(';', i + 1);
    // Entity names and numbers are short; a far-away ';' belongs to something else.
    if (semi == std::string_view::npos || semi - i > 12 || semi == i + 1) return {0, 0};
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name[0] == '#') {
        const std::optional<char32_t> value = TextNormalizer::numeric_reference(name);
        if (!value) return {0, 0};
        char32_t cp = *value;
        if (cp >= 0x80 && cp <= 0x9F) cp = cp1252(cp) ? cp1252(cp) : replacement_char;
        if (!TextNormalizer::is_character(cp)) cp = replacement_char;
        return {cp, semi - i + 1};
    }
    for (const auto& e : named_entities) {
        if (e.name == name) return {e.cp, semi - i + 1};
    }
    return {0, 0};
}

// Length of the maximal invalid subpart at s[i] (Unicode's "substitution of maximal subparts"):
// a lead byte plus the continuation bytes that could still have completed it.
std::size_t invalid_subpart_length(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t want = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF)
        want = 2;
    else if (b0 == 0xE0) {
        want = 3;
        lo = 0xA0;
    } else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF)
        want = 3;
    else if (b0 == 0xED) {
        want = 3;
        hi = 0x9F;
    } else if (b0 == 0xF0) {
        want = 4;
        lo = 0x90;
    } else if (b0 >= 0xF1 && b0 <= 0xF3)
        want = 4;
    else if (b0 == 0xF4) {
        want = 4;
        hi = 0x8F;
    } else
        return 1;
    std::size_t n = 1;
    while (n < want && i + n < s.size()) {
        const auto b = static_cast<unsigned char>(s[i + n]);
        const unsigned char l = n == 1 ? lo : 0x80, h = n == 1 ? hi : 0xBF;
        if (b < l || b > h) break;
        ++n;
    }
    return n;
}

// Counts one control character, keeping the line and the character of the first.
void note_control(char32_t cp, long line, NormalizeReport& report) {
    if (report.control_chars++ == 0) {
        report.first_control_line = line;
        report.first_control = cp;
    }
}

// Turns C0 control characters into ' ' and drops C1 ones, CR LF / CR into LF and every kind of
// space into ' ',
// so the white-space pass only has to look at ASCII.
std::string clean_controls_and_spaces(std::string_view s, NormalizeReport& report) {
    std::string out;
    out.reserve(s.size());
    // Lines counted as repair_utf8 and first_nul_line count them (ascii::ends_line), so one
    // file's warnings agree; only an entity for a line break (&#10;) before the character
    // shifts it.
    long line = 1;
    std::size_t i = 0;
    while (i < s.size()) {
        const char32_t cp = utf8::next(s, i);
        if (cp == '\n') {
            out += '\n';
            ++line;
        } else if (cp == '\r') {
            out += '\n';
            if (i < s.size() && s[i] == '\n') ++i;
            ++line;
        } else if (is_unicode_space(cp)) {
            out += ' ';
        } else if (utf8::is_zero_width(cp)) {
            // Zero-width marks only split words invisibly; dropping them keeps terms whole.
        } else if (cp < 0x20 || cp == 0x7F) {
            // A space, not nothing: "ok\u0000nul" is two words, not "oknul".
            out += ' ';
            note_control(cp, line, report);
        } else if (cp >= 0x80 && cp <= 0x9F) {
            // C1 controls are nearly always Windows-1252 punctuation read as Latin-1 ("it\u0092s"):
            // dropped, so the word stays whole.
            note_control(cp, line, report);
        } else {
            utf8::append(out, cp);
        }
    }
    return out;
}

// Collapses runs of spaces, trims each line and drops empty lines.
std::string tidy_lines(std::string_view s, char line_separator) {
    std::string out;
    out.reserve(s.size());
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string_view::npos) end = s.size();
        std::string line;
        bool pending_space = false;
        for (std::size_t k = start; k < end; ++k) {
            if (s[k] == ' ') {
                pending_space = !line.empty();
            } else {
                if (pending_space) line += ' ';
                pending_space = false;
                line += s[k];
            }
        }
        if (!line.empty()) {
            if (!out.empty()) out += line_separator;
            out += line;
        }
        start = end + 1;
    }
    return out;
}

}  // namespace

std::string TextNormalizer::repair_utf8(std::string_view text, NormalizeReport& report) const {
    std::string out;
    out.reserve(text.size());
    long line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t len = utf8::valid_length(text, i);
        if (len > 0) {
            if (ascii::ends_line(text, i)) ++line;
            if (len > 1) report.non_ascii_bytes += len;
            out.append(text.substr(i, len));
            i += len;
            continue;
        }
        ++report.invalid_utf8;
        if (report.first_invalid_utf8_line == 0) report.first_invalid_utf8_line = line;
        utf8::append(out, replacement_char);
        const std::size_t bad = invalid_subpart_length(text, i);
        report.invalid_utf8_bytes += bad;
        report.non_ascii_bytes += bad;
        i += bad;
    }
    return out;
}

std::optional<char32_t> TextNormalizer::numeric_reference(std::string_view name) {
    if (name.empty() || name[0] != '#') return std::nullopt;
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return std::nullopt;
    std::uint32_t value = 0;
    for (char c : digits) {
        int d = -1;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (hex && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        if (d < 0) return std::nullopt;
        value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
        if (value > 0x10FFFF) value = 0x110000;  // keep it out of range without overflowing
    }
    return value;
}

bool TextNormalizer::is_character(char32_t cp) {
    return cp != 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

bool TextNormalizer::is_named_entity(std::string_view name) {
    return std::any_of(named_entities.begin(), named_entities.end(),
                       [name](const NamedEntity& e) { return e.name == name; });
}

std::string TextNormalizer::decode_entities(std::string_view text, NormalizeReport& report) const {
    if (text.find('&') == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '&') {
            const auto [cp, len] = match_entity(text, i);
            if (len > 0) {
                ++report.entities;
                utf8::append(out, cp);
                i += len;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

std::string TextNormalizer::normalize(std::string_view text, NormalizeReport& report) const {
    // Order matters: entities can produce NBSP or control characters, so they are decoded
    // before the control/space pass, and NFC runs on the final character set.
    const std::string repaired = repair_utf8(text, report);
    const std::string decoded = decode_entities(repaired, report);
    const std::string cleaned = clean_controls_and_spaces(decoded, report);
    return tidy_lines(utf8::nfc(cleaned), '\n');
}

std::string TextNormalizer::normalize_inline(std::string_view text, NormalizeReport& report) const {
    const std::string repaired = repair_utf8(text, report);
    const std::string decoded = decode_entities(repaired, report);
    const std::string cleaned = clean_controls_and_spaces(decoded, report);
    return tidy_lines(utf8::nfc(cleaned), ' ');
}

std::vector<std::string> TextNormalizer::paragraphs(std::string_view text,
                                                    NormalizeReport& report) const {
    const std::string all = normalize(text, report);
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < all.size()) {
        std::size_t end = all.find('\n', start);
        if (end == std::string::npos) end = all.size();
        out.emplace_back(all.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::optional<std::string> TextNormalizer::to_utf8(std::string_view bytes,
                                                   const std::string& charset) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* from = ucnv_open(charset.c_str(), &status);
    // Memory that ran out is no unknown or undecodable encoding (ICU says so by a status).
    if (status == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
    if (U_FAILURE(status)) return std::nullopt;
    // Through UTF-16 (ICU's own form): a UTF-8 target buffer can be sized from it exactly.
    const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), from, status);
    ucnv_close(from);
    if (status == U_MEMORY_ALLOCATION_ERROR || (U_SUCCESS(status) && text.isBogus()))
        throw std::bad_alloc();
    if (U_FAILURE(status)) return std::nullopt;
    std::string out;
    text.toUTF8String(out);
    if (out.rfind("\xEF\xBB\xBF", 0) == 0) out.erase(0, 3);  // the byte-order mark
    return out;
}

std::string_view TextNormalizer::utf16_bom(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xFE")) return "UTF-16LE";
    if (bytes.starts_with("\xFE\xFF")) return "UTF-16BE";
    return {};
}

std::string TextNormalizer::nul_byte_reason(std::string_view bytes, long line,
                                            std::string_view kind) {
    const std::size_t nul = bytes.find('\0');
    // Zeros to the end: "re-save it as UTF-8" mends no file a crash cut short.
    if (nul != std::string_view::npos &&
        bytes.find_first_not_of('\0', nul) == std::string_view::npos)
        return "NUL bytes up to the end of line " + std::to_string(line) +
               ": zero padding, left where a crash or a full disk cut the writing of the file "
               "short; " +
               std::string(kind) +
               ": restore the file from its source, or cut the zeros off (tr -d '\\000' < FILE "
               "> FILE.fixed) and check its last lines";
    return "binary data: a NUL byte on line " + std::to_string(line) + "; " + std::string(kind) +
           " (is it compressed, or UTF-16 without a byte-order mark? re-save it as UTF-8)";
}

std::string TextNormalizer::invalid_utf8_warning(const NormalizeReport& report,
                                                 std::string_view where) {
    return std::to_string(report.invalid_utf8) + " invalid UTF-8 sequence(s) replaced by U+FFFD " +
           std::string(where) + "; re-save the file as UTF-8";
}

std::optional<std::string> TextNormalizer::not_utf8_reason(const NormalizeReport& report,
                                                           std::string_view what) {
    // A few stray bytes in UTF-8 text (a Latin-1 é pasted in) are repaired with a warning;
    // text whose non-ASCII bytes are largely invalid is in another encoding, and repaired it
    // is only U+FFFD: indexed, its article could never be found.
    if (report.invalid_utf8 < kNotUtf8MinSequences ||
        report.invalid_utf8_bytes * 4 <= report.non_ascii_bytes)
        return std::nullopt;
    return "not UTF-8: " + std::to_string(report.invalid_utf8_bytes) + " of the " +
           std::to_string(report.non_ascii_bytes) + " non-ASCII bytes of " + std::string(what) +
           " are invalid UTF-8; EUC-KR/CP949 (legacy Korean)? convert it with iconv -f CP949 -t "
           "UTF-8 (another "
           "legacy encoding: iconv -f ITS-NAME -t UTF-8); nothing of it was indexed";
}

std::string TextNormalizer::control_chars_warning(const NormalizeReport& report,
                                                  std::string_view where, std::string_view fix) {
    // Named as JSON escapes it: the character is invisible, or moves a terminal's cursor.
    static constexpr char hex[] = "0123456789abcdef";
    const auto cp = static_cast<unsigned>(report.first_control);
    const std::string escaped = {'\\', 'u', '0', '0', hex[(cp >> 4) & 0xF], hex[cp & 0xF]};
    return std::to_string(report.control_chars) + " control character(s) (such as " + escaped +
           ") " + std::string(where) + " removed, a space where they stood between words; " +
           std::string(fix);
}

long TextNormalizer::first_nul_line(std::string_view bytes) {
    const std::size_t nul = bytes.find('\0');
    if (nul == std::string_view::npos) return 0;
    long line = 1;
    for (std::size_t i = 0; i < nul; ++i)
        if (ascii::ends_line(bytes, i)) ++line;
    return line;
}

}  // namespace yalu
