#pragma once
// TextNormalizer: turns raw input text into clean NFC UTF-8 (entities decoded, invalid UTF-8
// repaired, control characters made spaces, white space collapsed, one paragraph per line).

#include "normalize_report.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// Stateless text cleaner used by every reader; safe to share between threads.
class TextNormalizer {
public:
    /// Fewer invalid UTF-8 sequences than this in a record are always stray bytes (repaired).
    static constexpr std::size_t kNotUtf8MinSequences = 4;
    /// Full clean-up (UTF-8 repair, entities, controls, NFC, spaces): trimmed non-empty lines
    /// joined by '\n'.
    [[nodiscard]] std::string normalize(std::string_view text, NormalizeReport& report) const;
    /// Like normalize() but for one-line fields (title, byline, id): line breaks become spaces.
    [[nodiscard]] std::string normalize_inline(std::string_view text,
                                               NormalizeReport& report) const;
    /// normalize() split into its lines: the paragraphs of a body.
    [[nodiscard]] std::vector<std::string> paragraphs(std::string_view text,
                                                      NormalizeReport& report) const;
    /// Replaces each maximal invalid UTF-8 subsequence by U+FFFD; nothing else changes.
    [[nodiscard]] std::string repair_utf8(std::string_view text, NormalizeReport& report) const;
    /// Decodes numeric and common named HTML entities; unknown ones are left as they are.
    [[nodiscard]] std::string decode_entities(std::string_view text, NormalizeReport& report) const;
    /// True when decode_entities() decodes the named reference `&name;`: XML's five and the
    /// common HTML entities news feeds use (nbsp, mdash, hellip, rsquo ...). The XML reader
    /// asks, so that any other name is rejected instead of being stored as literal text.
    [[nodiscard]] static bool is_named_entity(std::string_view name);
    /// The code point of a numeric reference's `name` ("#160", "#xA0"; beyond U+10FFFF it is
    /// 0x110000), nullopt when it is no number.
    [[nodiscard]] static std::optional<char32_t> numeric_reference(std::string_view name);
    /// False for what no reference may name: U+0000, a UTF-16 surrogate, beyond U+10FFFF.
    [[nodiscard]] static bool is_character(char32_t cp);
    /// `bytes` in the character set `charset` (an IANA name: ISO-8859-1, EUC-KR, UTF-16 ...)
    /// as UTF-8, without a byte-order mark; nullopt when ICU knows no such charset.
    [[nodiscard]] static std::optional<std::string> to_utf8(std::string_view bytes,
                                                            const std::string& charset);
    /// The 1-based line of the first NUL byte in `bytes`, 0 when there is none. Text never
    /// holds one: a file that does is binary (compressed, an image) or UTF-16 without a
    /// byte-order mark, and reading it as text would index garbage.
    [[nodiscard]] static long first_nul_line(std::string_view bytes);
    /// "UTF-16LE" or "UTF-16BE" when `bytes` start with that byte-order mark, else "".
    [[nodiscard]] static std::string_view utf16_bom(std::string_view bytes);
    /// The rejection reason for the first NUL byte of `bytes` (a file, or a JSON Lines line),
    /// on `line` of a file that should be text; `kind` says what it should be ("a .txt article
    /// is UTF-8 text"). NUL bytes only from there to the end of `bytes` are zero padding (what
    /// a crash or a full disk leaves at the end of a file being written), said as such; other
    /// NUL bytes are binary data (compressed, UTF-16 without a byte-order mark).
    [[nodiscard]] static std::string nul_byte_reason(std::string_view bytes, long line,
                                                     std::string_view kind);
    /// The warning for `report`'s invalid UTF-8 sequences, `where` naming where they were
    /// ("in record 'x'", "(first on line 3)"), so every reader words it alike.
    [[nodiscard]] static std::string invalid_utf8_warning(const NormalizeReport& report,
                                                          std::string_view where);
    /// The rejection reason when `report`'s text is not UTF-8 at all (at least
    /// kNotUtf8MinSequences invalid sequences holding over a quarter of its non-ASCII bytes:
    /// legacy Korean, EUC-KR/CP949), naming the fix; nullopt for stray bytes, which are repaired
    /// with invalid_utf8_warning(). `what` names the record ("the record", "the file").
    [[nodiscard]] static std::optional<std::string> not_utf8_reason(const NormalizeReport& report,
                                                                    std::string_view what);
    /// The warning for `report`'s control characters, `where` as above, `fix` saying who should
    /// stop writing them ("fix the exporter that wrote them").
    [[nodiscard]] static std::string control_chars_warning(const NormalizeReport& report,
                                                           std::string_view where,
                                                           std::string_view fix);
};

}  // namespace yalu
