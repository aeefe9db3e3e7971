#pragma once
// EntityTokenizer: splits text into the normalised tokens that gazetteer aliases are matched on.

#include "entity_token.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// Splits UTF-8 text into Latin/Hangul/Han word tokens and builds normalised alias keys; stateless.
class EntityTokenizer {
public:
    /// Bytes of one Hangul syllable in UTF-8.
    static constexpr std::size_t syllable_bytes = 3;
    /// Longest Hangul particle/suffix, in syllables.
    static constexpr std::size_t max_particle_syllables = 4;
    /// Longest title, unit or office word after a name, in syllables (국무위원장, 특별자치도).
    static constexpr std::size_t max_suffix_syllables = 5;
    /// Longest rest of a Hangul word after a name: a suffix word, 님, 들 and a particle.
    static constexpr std::size_t max_rest_syllables =
        max_suffix_syllables + 1 + 1 + max_particle_syllables;

    /// What follows a name inside its Hangul word: particles only, or first a title after a
    /// person (김정일동지께서), an administrative unit after a place (평양시에서), a place's
    /// local government or people after a place (의정부시장, 전남지사는, 한국인, 남조선인민들),
    /// an office, member, branch or unit after an organisation (감사원장은, 로농적위대원,
    /// 총련조직, 인민군부대), an epithet after a person (리승만역도의, 리승만매국도당은) or a
    /// place's authorities, society, compatriots, land, countries or region after a place
    /// (남조선당국자들이, 남조선사회의, 구라파사회주의나라들에, 충북지역에서).
    enum class NameSuffix : std::uint8_t { none, title, unit, seat, office, epithet, realm };

    /// Fills `out` with the tokens of `text` and `folded` with their case-folded forms (reused).
    void tokenize(std::string_view text, std::vector<EntityToken>& out, std::string& folded) const;

    /// The 64-bit hash of a folded word that EntityToken::hash holds (FNV-1a).
    [[nodiscard]] static std::uint64_t hash(std::string_view folded_word) {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (const char c : folded_word) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        return h;
    }

    /// The separator character a gap contributes to a key: ' ' (none/soft), '.' (dot), '|' (hard).
    [[nodiscard]] static char gap_char(EntityToken::Gap gap);
    /// The one index word an acronym's folded key becomes: "un" for UN and for U.N. (Xapian
    /// joins dotted initials into a word); empty for a key of several words.
    [[nodiscard]] static std::string acronym_word(std::string_view folded_key);
    /// Whether `c` is one of the characters gap_char() returns (no folded word holds one); a
    /// plain comparison, as find_first_of with a set calls memchr per character.
    [[nodiscard]] static bool is_gap_char(char c) { return c == ' ' || c == '.' || c == '|'; }

    /// The case-folded key of a text ("Kim Jong-un" -> "kim jong un"): tokens joined by gap chars.
    [[nodiscard]] std::string folded_key(std::string_view text) const;

    /// folded_key() of a text already tokenised: its `tokens` and `folded` from tokenize().
    [[nodiscard]] static std::string folded_key(std::span<const EntityToken> tokens,
                                                std::string_view folded);

    /// The key of a text with its case kept ("U.S." -> "U.S"), for exact-case aliases.
    [[nodiscard]] std::string exact_key(std::string_view text) const;

    /// folded_key(text) and exact_key(text) from one tokenisation, into `folded` and `exact`.
    void keys(std::string_view text, std::string& folded, std::string& exact) const;

    /// Bytes of ASCII digits that open a Latin token `word` (as written) right before an
    /// upper-case ASCII letter: where a name the crawl glued to a figure begins ("60Incheon"
    /// of a weather table: 2, "600KT" of "1,600KT" in a price list: 3); 0 for any other token
    /// ("G20", "40s", "4th", "Incheon").
    [[nodiscard]] static std::size_t digit_cut(std::string_view word);

    /// True when `suffix` may follow a name inside a Hangul word ("은", "에서", "측", ...).
    [[nodiscard]] static bool is_particle(std::string_view suffix);

    /// True when `run` (Hangul) is one particle or two in a row ("이란", "이란다"): what may
    /// follow a quoted word ('탈북민'이란) as that word's ending rather than a word of its own.
    [[nodiscard]] static bool is_particles(std::string_view run);

    /// Calls `f(cut)` for each byte length of a stem of `word` (UTF-8, ending in Hangul) whose
    /// rest is a particle (김정은은: 9), longest stem first, at most max_particle_syllables
    /// syllables cut, the stem never empty; stops when `f` returns true.
    template <class F>
    static void for_each_particle_cut(std::string_view word, F&& f) {
        for (std::size_t k = 1; k <= max_particle_syllables; ++k) {
            if (word.size() <= k * syllable_bytes) return;
            const std::size_t cut = word.size() - k * syllable_bytes;
            if (is_particle(word.substr(cut)) && f(cut)) return;
        }
    }

    /// The suffix word that opens `rest`, the rest of a Hangul word after `stem` (a name of
    /// two syllables or more), when only particles follow it; nullopt if none does (and for
    /// particles alone: see is_particle).
    [[nodiscard]] static std::optional<NameSuffix> name_suffix(std::string_view stem,
                                                               std::string_view rest);

    /// True when `rest` is the plural 들 or the honorific 씨 and then a particle (들과, 들에게,
    /// 씨가): KCNA's plural names (미제침략자들과) and the news's 이대준씨가 take any particle
    /// after the marker, not only the few listed with it.
    [[nodiscard]] static bool is_marked_particle(std::string_view rest);

    /// Calls `f(cut, suffix)` for each byte length of a stem of `word` (UTF-8, ending in
    /// Hangul) whose rest may follow a name inside the word: a particle, or 들 or 씨 and a particle
    /// (NameSuffix::none), or a name_suffix() word and particles; longest stem first, the stem
    /// never empty; stops when `f` returns true.
    template <class F>
    static void for_each_name_cut(std::string_view word, F&& f) {
        for (std::size_t k = 1; k <= max_rest_syllables; ++k) {
            if (word.size() <= k * syllable_bytes) return;
            const std::size_t cut = word.size() - k * syllable_bytes;
            const auto rest = word.substr(cut);
            if ((k <= max_particle_syllables && is_particle(rest)) || is_marked_particle(rest)) {
                if (f(cut, NameSuffix::none)) return;
            } else if (const auto suffix = name_suffix(word.substr(0, cut), rest)) {
                if (f(cut, *suffix)) return;
            }
        }
    }

    /// Calls `f(start)` for each byte offset inside `word` (Hangul) where a name may begin
    /// after an adjective in -적 written against it (영웅적인민군장병들과, 형제적중국인민은: 9),
    /// left to right; stops when `f` returns true. The adjective is two syllables or more and
    /// 적 (one syllable and 적 make a noun: 추적, 목적, 국적); the rest is two syllables or more
    /// and not particles alone, which are the adjective's own ending (이상적이란 is no Iran).
    template <class F>
    static void for_each_adjective_cut(std::string_view word, F&& f) {
        static constexpr std::string_view kJeok = "\uC801";  // 적
        for (std::size_t at = word.find(kJeok, 2 * syllable_bytes);
             at != std::string_view::npos && at + 3 * syllable_bytes <= word.size();
             at = word.find(kJeok, at + syllable_bytes)) {
            const std::size_t start = at + syllable_bytes;
            if (!is_particles(word.substr(start)) && f(start)) return;
        }
    }

    /// Every Hangul particle/suffix accepted after a name, as documented in docs/ENTITIES.md.
    [[nodiscard]] static std::span<const std::string_view> particles();
    /// Every suffix word of `kind` that name_suffix() accepts, as documented in docs/ENTITIES.md
    /// (for NameSuffix::epithet and NameSuffix::realm the head words, which
    /// epithet_modifiers() and realm_modifiers() may precede).
    [[nodiscard]] static std::span<const std::string_view> name_suffixes(NameSuffix kind);
    /// The words that may open an epithet before its head word (매국 in 리승만매국역도).
    [[nodiscard]] static std::span<const std::string_view> epithet_modifiers();
    /// The words that may open a realm word after a place (사회주의 in 구라파사회주의나라들).
    [[nodiscard]] static std::span<const std::string_view> realm_modifiers();

private:
    /// True when `rest` is words of `modifiers`, then one of `heads`, then 들 and a particle
    /// or nothing (매국역도들의, 사회주의나라들과).
    [[nodiscard]] static bool is_headed(std::string_view rest,
                                        std::span<const std::string_view> heads,
                                        std::span<const std::string_view> modifiers);
};

}  // namespace yalu
