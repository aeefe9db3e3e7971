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
    // "premature ageing"); the North's 조 pairs are made from the South's only, as 조미 also
    // starts 조미료.
    constexpr std::array<std::array<std::u32string_view, 2>, 6> prefixes{{
        {U"남북", U"북남"},
        {U"북남", U"남북"},
        {U"북미", U"조미"},
        {U"북중", U"조중"},
        {U"북일", U"조일"},
        {U"북러", U"조로"},
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
