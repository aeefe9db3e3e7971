#include "utf8.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <new>

namespace yalu::utf8 {

char32_t next(std::string_view text, std::size_t& pos) {
    const auto b0 = static_cast<unsigned char>(text[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    std::size_t len = 0;
    char32_t c = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        c = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        c = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        c = b0 & 0x07;
    } else {
        ++pos;
        return 0xFFFD;
    }
    // A bad or truncated sequence consumes one byte only, so the next byte is looked at again
    // (it may start a valid sequence) and byte offsets stay exact.
    if (pos + len > text.size()) {
        ++pos;
        return 0xFFFD;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(text[pos + k]);
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return 0xFFFD;
        }
        c = (c << 6) | (b & 0x3F);
    }
    pos += len;
    return c;
}

std::u32string to_utf32(std::string_view text) {
    std::u32string out;
    for (std::size_t at = 0; at < text.size();) out.push_back(next(text, at));
    return out;
}

void append(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::optional<std::string> from_utf16(std::string_view bytes) {
    if (!bytes.starts_with("\xFF\xFE") && !bytes.starts_with("\xFE\xFF")) return std::nullopt;
    const bool big_endian = bytes[0] == '\xFE';
    std::u16string units;
    units.reserve(bytes.size() / 2);
    for (std::size_t at = 2; at + 1 < bytes.size(); at += 2) {
        const auto first = static_cast<unsigned char>(bytes[at]);
        const auto second = static_cast<unsigned char>(bytes[at + 1]);
        units.push_back(
            static_cast<char16_t>(big_endian ? (first << 8) | second : (second << 8) | first));
    }
    // ICU pairs the surrogates and writes U+FFFD for one without its other half.
    std::string out;
    icu::UnicodeString(units.data(), static_cast<int32_t>(units.size())).toUTF8String(out);
    if (bytes.size() % 2 != 0) append(out, 0xFFFD);  // an odd last byte
    return out;
}

std::string nfc(std::string_view text) {
    if (std::all_of(text.begin(), text.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return std::string(text);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::string(text);  // ICU data missing: keep text usable
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    // ICU says memory ran out with a bogus string or a status, never by throwing: thrown here,
    // so that the text is not kept unnormalised without a word (a reader then rejects the
    // record, a search ends as out of memory).
    if (source.isBogus()) throw std::bad_alloc();
    if (normalizer->isNormalized(source, status) && U_SUCCESS(status)) return std::string(text);
    if (status == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
    status = U_ZERO_ERROR;
    const icu::UnicodeString composed = normalizer->normalize(source, status);
    if (status == U_MEMORY_ALLOCATION_ERROR || composed.isBogus()) throw std::bad_alloc();
    if (U_FAILURE(status)) return std::string(text);
    std::string out;
    composed.toUTF8String(out);
    return out;
}

// Unicode's table 3-7 by lead byte: the second byte's range is narrower after E0, ED, F0 and F4.
std::size_t valid_length(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF)
        len = 2;
    else if (b0 == 0xE0) {
        len = 3;
        lo = 0xA0;
    } else if (b0 >= 0xE1 && b0 <= 0xEC)
        len = 3;
    else if (b0 == 0xED) {
        len = 3;
        hi = 0x9F;
    } else if (b0 >= 0xEE && b0 <= 0xEF)
        len = 3;
    else if (b0 == 0xF0) {
        len = 4;
        lo = 0x90;
    } else if (b0 >= 0xF1 && b0 <= 0xF3)
        len = 4;
    else if (b0 == 0xF4) {
        len = 4;
        hi = 0x8F;
    } else
        return 0;
    if (i + 1 >= s.size()) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 < lo || b1 > hi) return 0;
    for (std::size_t k = 2; k < len; ++k) {
        if (i + k >= s.size()) return 0;
        const auto b = static_cast<unsigned char>(s[i + k]);
        if (b < 0x80 || b > 0xBF) return 0;
    }
    return len;
}

bool is_valid(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t len = valid_length(text, pos);
        if (len == 0) return false;
        pos += len;
    }
    return true;
}

std::string escape_invalid(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        if (const std::size_t len = valid_length(text, pos); len > 0) {
            out.append(text.substr(pos, len));
            pos += len;
            continue;
        }
        constexpr std::string_view hex = "0123456789ABCDEF";
        const auto byte = static_cast<unsigned char>(text[pos++]);
        out += "\\x";
        out += hex[byte >> 4];
        out += hex[byte & 0xF];
    }
    return out;
}

bool is_blank(std::string_view text) {
    // The zero-width characters show nothing either: a line of them is as empty as one of
    // spaces (is_zero_width() adds the byte-order mark and the soft hyphen).
    const auto zero_width = [](char32_t c) {
        return is_zero_width(c) || c == 0x200C || c == 0x200D || c == 0x2060;
    };
    for (std::size_t pos = 0; pos < text.size();) {
        if (valid_length(text, pos) == 0) return false;
        const char32_t c = next(text, pos);
        if (!u_isUWhiteSpace(static_cast<UChar32>(c)) && !zero_width(c)) return false;
    }
    return true;
}

std::string drop_zero_width(std::string_view text) {
    // U+200B is E2 80 8B, U+FEFF EF BB BF, U+00AD C2 AD: text without them is returned as it is.
    if (text.find("\xE2\x80\x8B") == std::string_view::npos &&
        text.find("\xEF\xBB\xBF") == std::string_view::npos &&
        text.find("\xC2\xAD") == std::string_view::npos)
        return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        if (!is_zero_width(next(text, i))) out.append(text.substr(start, i - start));
    }
    return out;
}

bool closes_quote(char32_t c) {
    return c == '\'' || c == '"' || c == ')' || c == '>' || c == 0x2019 || c == 0x201D ||
           c == 0x300D || c == 0x300F || c == 0x300B || c == 0x3009;
}

char32_t fold_width(char32_t c) {
    return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFF01 + 0x21 : c;
}

std::string fold_width(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) append(out, fold_width(next(text, i)));
    return out;
}

bool is_hangul(char32_t c) {
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
           (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xD7B0 && c <= 0xD7FF);
}

int hangul_final(char32_t c) {
    // Syllables are composed arithmetically: U+AC00 + (initial * 21 + vowel) * 28 + final.
    if (c < 0xAC00 || c > 0xD7A3) return -1;
    return static_cast<int>(c - 0xAC00) % 28;
}

bool is_cjk(char32_t c) {
    // The ranges of Xapian 1.4's CJK::codepoint_is_cjk, so runs split where Xapian's do.
    return is_hangul(c) || (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x2FF0 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2F800 && c <= 0x2FA1F);
}

bool has_cjk(std::string_view text) {
    // Every CJK code point is at least U+1100, i.e. a 3- or 4-byte sequence: skip ASCII fast.
    for (std::size_t pos = 0; pos < text.size();) {
        if (static_cast<unsigned char>(text[pos]) < 0xE1) {
            ++pos;
            continue;
        }
        if (is_cjk(next(text, pos))) return true;
    }
    return false;
}

std::size_t length(std::string_view text) {
    std::size_t n = 0;
    for (const unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace yalu::utf8
