#pragma once
// SpellingVariants: the other spellings a query word may have in this archive's sources.

#include <cstddef>
#include <string>
#include <vector>

namespace yalu {

/// Spellings that differ by a regular rule between the archive's sources: British and American
/// English (KCNA's "defence" and "programme", Yonhap's "defense" and "program") and the two
/// Koreas' initial-sound rule (the South's 노동 and 여성, the North's 로동 and 녀성) and their
/// regular word pairs (남북 / 북남). Candidates only, made by rule: the caller keeps those its
/// index holds.
class SpellingVariants {
public:
    /// A Korean word with one syllable written the other Korea's way.
    struct Hangul {
        std::u32string text;      ///< the whole word
        std::size_t changed = 0;  ///< the position of the syllable that differs
    };

    /// A Korean word in the South's Revised Romanization (lower case ASCII letters) as the
    /// North (KCNA) may write it, `word` first: g, d, b, j as k, t, p, ch; t and p also as th
    /// and ph; eo, eu as o, u; an initial n as r (Geomdeok: Komdok; Neungna: Rungna;
    /// Hwanggumpyong: Hwanggumphyong). One way only: the North's spellings are not turned back,
    /// and the South's ch, k, t, p stay aspirates (Chun is not Jun). Just `word` when it does
    /// not read as Korean syllables (dump, blog) or the letters allow more than `limit`
    /// spellings.
    [[nodiscard]] static std::vector<std::string> romanized(const std::string& word,
                                                            std::size_t limit = 256);

    /// `word` (lower case) first, then its other spelling where a regular ending differs:
    /// -ence/-ense, -our/-or, -re/-er, -ise/-ize, -isation/-ization, -yse/-yze, -ogue/-og,
    /// programme/program, both ways; words under five (-our) or six letters keep their own.
    [[nodiscard]] static std::vector<std::string> english(const std::string& word);

    /// `word` with one syllable in the other Korea's spelling: a Southern ㄴ before ㅏ ㅐ ㅗ ㅚ
    /// ㅜ ㅡ as the North's ㄹ (노선 -> 로선), a Southern ㅇ before ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ as ㄹ or ㄴ
    /// (연방 -> 련방, 여성 -> 녀성), at any syllable (compounds: 병진노선 -> 병진로선); and the
    /// North's ㄹ or ㄴ the South's way at the word's start only (로동 -> 노동), since inside a
    /// word both Koreas write ㄹ (늘리자).
    [[nodiscard]] static std::vector<Hangul> korean(const std::u32string& word);

    /// `word` in the other Korea's words where a regular pair differs: each Korea names itself
    /// first (the South's 남북관계, the North's 북남관계, both ways), the North writes its pairs
    /// with 조 for itself (북미 <-> 조미; 북중, 북일, 북러 <-> 조중, 조일, 조로) and an anniversary
    /// as 돐 (주년 <-> 돐: 80주년, 80돐). `changed` is the first syllable that differs.
    [[nodiscard]] static std::vector<Hangul> korean_words(const std::u32string& word);
};

}  // namespace yalu
