#include "spelling_variants.hpp"

#include <array>
#include <string_view>

namespace yalu {
namespace {

// Hangul syllables are composed arithmetically: first + (initial * 21 + vowel) * 28 + final.
constexpr char32_t first_syllable = 0xAC00;
constexpr char32_t last_syllable = 0xD7A3;
constexpr int vowels = 21;
constexpr int finals = 28;
constexpr int initial_n = 2;    // ㄴ
constexpr int initial_r = 5;    // ㄹ
constexpr int initial_ng = 11;  // ㅇ

// ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ: before these the South drops an initial ㄹ or ㄴ to ㅇ.
bool is_iotated(int vowel) {
    return vowel == 2 || vowel == 6 || vowel == 7 || vowel == 12 || vowel == 17 || vowel == 20;
}

// How the North (McCune-Reischauer as KCNA writes it) may write a consonant the South's
// Revised Romanization writes so. One way only: the South's voiced g, d, b, j are the North's
// k, t, p, ch, but the South's k, t, p, ch (ㅋ ㅌ ㅍ ㅊ) are the North's k, t/th, p/ph, ch,
// never g, d, b, j (Chun is not Jun, Tae not Dae).
struct ConsonantWays {
    std::string_view sound;
    std::array<std::string_view, 2> others;  // an empty one ends the list
};
constexpr std::array<ConsonantWays, 6> consonant_ways{{
    {"g", {"k", ""}},
    {"d", {"t", ""}},
    {"t", {"th", ""}},
    {"b", {"p", ""}},
    {"p", {"ph", ""}},
    {"j", {"ch", ""}},
}};

// Whether `word` reads as romanized Korean syllables: an initial consonant (or none), a
// vowel, a final consonant (or none), again and again (geom-deok, hwang-gum-phyong; not dump
// or blog, whose consonants no syllable holds).
bool reads_as_korean(std::string_view word) {
    constexpr std::array<std::string_view, 24> initials{
        "",  "kk", "tt", "pp", "ss", "jj", "ch", "ph", "th", "kh", "sh", "g",
        "k", "n",  "d",  "t",  "r",  "l",  "m",  "b",  "p",  "s",  "j",  "h"};
    constexpr std::array<std::string_view, 22> romanized_vowels{
        "yae", "yeo", "wae", "weo", "ae", "ya", "eo", "ye", "wa", "oe", "yo",
        "wo",  "we",  "wi",  "yu",  "eu", "ui", "a",  "e",  "o",  "u",  "i"};
    constexpr std::array<std::string_view, 12> romanized_finals{"",  "ng", "k", "g", "n", "t",
                                                                "d", "l",  "r", "m", "p", "b"};
    // reachable[i]: word[0, i) is whole syllables.
    std::vector<bool> reachable(word.size() + 1, false);
    reachable[0] = true;
    for (std::size_t at = 0; at < word.size(); ++at) {
        if (!reachable[at]) continue;
        for (const std::string_view i : initials) {
            if (word.substr(at).substr(0, i.size()) != i) continue;
            for (const std::string_view v : romanized_vowels) {
                const std::size_t vat = at + i.size();
                if (word.substr(vat).substr(0, v.size()) != v) continue;
                for (const std::string_view f : romanized_finals) {
                    const std::size_t fat = vat + v.size();
                    if (word.substr(fat).substr(0, f.size()) == f) reachable[fat + f.size()] = true;
                }
            }
        }
    }
    return reachable[word.size()];
}

}  // namespace

std::vector<std::string> SpellingVariants::english(const std::string& word) {
    std::vector<std::string> out{word};
    constexpr std::array<std::array<std::string_view, 2>, 15> endings{{
        {"ence", "ense"},
        {"our", "or"},
        {"ours", "ors"},
        {"oured", "ored"},
        {"ouring", "oring"},
        {"re", "er"},
        {"res", "ers"},
        {"ise", "ize"},
        {"ised", "ized"},
        {"ises", "izes"},
        {"ising", "izing"},
        {"isation", "ization"},
        {"yse", "yze"},
        {"ogue", "og"},
        {"ogues", "ogs"},
    }};
    const auto swap_end = [&](std::string_view from, std::string_view to, std::size_t min_size) {
        if (word.size() >= min_size && word.ends_with(from))
            out.push_back(word.substr(0, word.size() - from.size()) + std::string(to));
    };
    for (const auto& [british, american] : endings) {
        // labor and honor have five letters; four, hour and tour four.
        const std::size_t min_size = british.starts_with("our") ? 5 : 6;
        swap_end(british, american, min_size);
        swap_end(american, british, min_size);
    }
    if (word.starts_with("programme"))
        out.push_back("program" + word.substr(9));
    else if (word.starts_with("program"))
        out.push_back("programme" + word.substr(7));
    return out;
}

std::vector<std::string> SpellingVariants::romanized(const std::string& word, std::size_t limit) {
    // The word as runs of letters, each with the ways the romanizations write it; the
    // spellings are every combination, in order (the word itself first).
    const auto is_vowel = [](char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    };
    if (!reads_as_korean(word)) return {word};
    std::vector<std::vector<std::string>> runs;
    std::size_t count = 1;
    for (std::size_t i = 0; i < word.size();) {
        std::vector<std::string> ways;
        if (is_vowel(word[i])) {
            std::size_t end = i;
            while (end < word.size() && is_vowel(word[end])) ++end;
            const std::string v = word.substr(i, end - i);
            ways = {v};
            // The South's ㅓ and ㅡ (eo, eu) are the North's ŏ and ŭ, written o and u.
            if (v == "eo") ways.emplace_back("o");
            if (v == "eu") ways.emplace_back("u");
            i = end;
        } else {
            // One consonant sound: ch, sh, ph and th are one (KCNA writes the aspirates ph and
            // th: Hwanggumphyong, Jang Song Thaek), and g after n is the ng sound.
            const bool pair = i + 1 < word.size() && word[i + 1] == 'h' &&
                              std::string_view("cspt").find(word[i]) != std::string_view::npos;
            const std::string c = word.substr(i, pair ? 2 : 1);
            ways = {c};
            if (!(c == "g" && i > 0 && word[i - 1] == 'n')) {
                for (const auto& [sound, others] : consonant_ways) {
                    if (c != sound) continue;
                    for (const std::string_view other : others)
                        if (!other.empty()) ways.emplace_back(other);
                }
            }
            // At the start the South drops an r to n where the North keeps it (Nodong, Rodong).
            if (i == 0 && c == "n") ways.emplace_back("r");
            i += c.size();
        }
        count *= ways.size();
        if (count > limit) return {word};
        runs.push_back(std::move(ways));
    }
    std::vector<std::string> out{std::string()};
    for (const auto& ways : runs) {
        std::vector<std::string> next;
        next.reserve(out.size() * ways.size());
        for (const auto& head : out)
            for (const auto& w : ways) next.push_back(head + w);
        out = std::move(next);
    }
    return out;
}

std::vector<SpellingVariants::Hangul> SpellingVariants::korean(const std::u32string& word) {
    std::vector<Hangul> out;
    if (word.size() < 2) return out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char32_t c = word[i];
        if (c < first_syllable || c > last_syllable) continue;
        const int code = static_cast<int>(c - first_syllable);
        const int initial = code / (vowels * finals);
        const int vowel = code / finals % vowels;
        std::vector<int> to;
        if (initial == initial_n && !is_iotated(vowel)) to = {initial_r};  // 노 -> 로
        if (initial == initial_ng && is_iotated(vowel))
            to = {initial_r, initial_n};  // 여 -> 려, 녀
        if (i == 0 && initial == initial_r) to = {is_iotated(vowel) ? initial_ng : initial_n};
        if (i == 0 && initial == initial_n && is_iotated(vowel)) to = {initial_ng};  // 녀 -> 여
        for (const int t : to) {
            Hangul other{word, i};
            other.text[i] = c + static_cast<char32_t>((t - initial) * vowels * finals);
            out.push_back(std::move(other));
        }
    }
    return out;
}

std::vector<SpellingVariants::Hangul> SpellingVariants::korean_words(const std::u32string& word) {
    std::vector<Hangul> out;
    // A prefix pair needs a word after it (남북 alone is a thesaurus term, and 조로 alone is
    // "premature ageing"); a candidate such as 북미료 (from 조미료, seasoning) finds nothing,
    // since the caller keeps only spellings the index holds.
    constexpr std::array<std::array<std::u32string_view, 2>, 10> prefixes{{
        {U"남북", U"북남"},
        {U"북남", U"남북"},
        {U"북미", U"조미"},
        {U"북중", U"조중"},
        {U"북일", U"조일"},
        {U"북러", U"조로"},
        {U"조미", U"북미"},
        {U"조중", U"북중"},
        {U"조일", U"북일"},
        {U"조로", U"북러"},
    }};
    const std::u32string_view w = word;
    for (const auto& [from, to] : prefixes) {
        if (w.size() > from.size() && w.starts_with(from))
            out.push_back({std::u32string(to) + word.substr(from.size()), 0});
    }
    constexpr std::array<std::array<std::u32string_view, 2>, 2> suffixes{{
        {U"주년", U"돐"},
        {U"돐", U"주년"},
    }};
    for (const auto& [from, to] : suffixes) {
        if (w.ends_with(from))
            out.push_back({word.substr(0, word.size() - from.size()) + std::u32string(to),
                           word.size() - from.size()});
    }
    return out;
}

}  // namespace yalu
