#pragma once
// Small UTF-8 helpers shared by the analysers (decoding one code point, CJK classification).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yalu::utf8 {

/// Decodes the code point at `pos` and advances `pos`; a bad or truncated sequence gives
/// U+FFFD and advances one byte.
[[nodiscard]] char32_t next(std::string_view text, std::size_t& pos);

/// The length of the well-formed UTF-8 sequence at `pos` (1 for ASCII; Unicode's table 3-7: no
/// overlong form, no surrogate, nothing past U+10FFFF), 0 when there is none. Stricter than next().
[[nodiscard]] std::size_t valid_length(std::string_view text, std::size_t pos);

/// True when `text` is well-formed UTF-8 throughout (valid_length() at every sequence).
[[nodiscard]] bool is_valid(std::string_view text);

/// `text` with each byte that starts no well-formed sequence written as `\xHH`, for messages
/// that quote input: a parser's "last read" can end inside a Korean character.
[[nodiscard]] std::string escape_invalid(std::string_view text);

/// Appends the UTF-8 form of code point `c` to `out`.
void append(std::string& out, char32_t c);

/// `text` as code points, one per character (a Hangul syllable is one), decoded as next() does.
[[nodiscard]] std::u32string to_utf32(std::string_view text);

/// `bytes` that start with a UTF-16 byte-order mark (FF FE: little-endian, FE FF: big-endian)
/// as UTF-8 without it, a surrogate without its other half and an odd last byte as U+FFFD;
/// nullopt for bytes without that mark. ICU's UnicodeString pairs the units, not its converters,
/// whose alias data yalu-search does not load.
[[nodiscard]] std::optional<std::string> from_utf16(std::string_view bytes);

/// The number of code points in `text` (its bytes that do not continue a sequence).
[[nodiscard]] std::size_t length(std::string_view text);

/// True for code points Xapian's CJK n-gram mode splits: Hangul, Han, kana, CJK punctuation.
[[nodiscard]] bool is_cjk(char32_t c);

/// True when `text` holds a code point is_cjk() accepts.
[[nodiscard]] bool has_cjk(std::string_view text);

/// True for Hangul syllables and jamo.
[[nodiscard]] bool is_hangul(char32_t c);

/// True for precomposed Hangul syllables (U+AC00-U+D7A3), the letters of a Korean word.
[[nodiscard]] constexpr bool is_hangul_syllable(char32_t c) {
    return c >= 0xAC00 && c <= 0xD7A3;
}

/// The final consonant of a precomposed Hangul syllable as its index (0 none, 1 ㄱ ... 20 ㅆ
/// ... 27 ㅎ), or -1 for anything else.
[[nodiscard]] int hangul_final(char32_t c);

/// `text` in Unicode's canonical composition (NFC, by ICU), as the indexer stores articles:
/// what macOS pastes decomposed (Hangul jamo, a Latin letter and its combining mark: o + U+0306
/// for ŏ) composed. ASCII and text already in NFC come back as they are.
[[nodiscard]] std::string nfc(std::string_view text);

/// True for a closing quote or bracket a Korean particle is written against ('탈북민'이란): ' "
/// ) > ’ ” 」 』 》 〉 — not ], which ends news tags ([속보]) before a new word.
[[nodiscard]] bool closes_quote(char32_t c);

/// True for the marks that only split words invisibly and that the indexer drops from articles
/// (TextNormalizer): zero-width space U+200B, byte-order mark U+FEFF, soft hyphen U+00AD.
[[nodiscard]] constexpr bool is_zero_width(char32_t c) {
    return c == 0x200B || c == 0xFEFF || c == 0x00AD;
}

/// True when `text` shows nothing: every code point is Unicode white space (the White_Space
/// property: tab, line ends, the no-break space U+00A0, U+2000-U+200A, the ideographic space
/// U+3000 ...) or a zero-width character (U+200B ZERO WIDTH SPACE, U+200C and U+200D, the
/// non-joiner and joiner, U+2060 WORD JOINER, U+FEFF, the soft hyphen U+00AD); an empty `text`
/// too. A byte that is no UTF-8 is not blank.
[[nodiscard]] bool is_blank(std::string_view text);

/// `text` without its is_zero_width() marks, as the indexer reads an article; all else as is.
[[nodiscard]] std::string drop_zero_width(std::string_view text);

/// The ASCII character a fullwidth form stands for (U+FF01-U+FF5E: ３ -> 3, ％ -> %); other
/// code points unchanged.
[[nodiscard]] char32_t fold_width(char32_t c);

/// `text` with every fullwidth ASCII form folded (fold_width); invalid UTF-8 becomes U+FFFD.
[[nodiscard]] std::string fold_width(std::string_view text);

}  // namespace yalu::utf8
