#include "language_name.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <array>

namespace yalu {

namespace {

// Languages whose name is also their people's adjective (the gazetteer's demonyms, and a few
// it may come to list), then the names that are a language only.
constexpr auto kLanguages = [] {
    auto list = std::to_array<std::string_view>(
        {"albanian",  "arabic",    "armenian",   "bulgarian", "burmese",    "cantonese",
         "chinese",   "croatian",  "czech",      "danish",    "dutch",      "english",
         "estonian",  "filipino",  "finnish",    "french",    "georgian",   "german",
         "greek",     "hebrew",    "hindi",      "hungarian", "icelandic",  "indonesian",
         "irish",     "italian",   "japanese",   "kazakh",    "khmer",      "korean",
         "lao",       "latvian",   "lithuanian", "malay",     "mandarin",   "mongolian",
         "nepali",    "norwegian", "persian",    "polish",    "portuguese", "romanian",
         "russian",   "serbian",   "slovak",     "spanish",   "swahili",    "swedish",
         "tagalog",   "thai",      "turkish",    "ukrainian", "urdu",       "uzbek",
         "vietnamese"});
    std::sort(list.begin(), list.end());
    return list;
}();

// Names of a language that no people's adjective shares: in a list, they make it a list of
// languages ("English, Chinese, Vietnamese"; "Korean" and "Chinese" alone may be peoples).
constexpr auto kOnlyLanguages =
    std::to_array<std::string_view>({"Arabic", "Cantonese", "English", "Hebrew", "Hindi",
                                     "Mandarin", "Swahili", "Tagalog", "Urdu"});

// Words after a language's name that make it the language ("the Chinese zodiac" is the
// calendar's, "Chinese characters" the script). Not "speaking": "Chinese-speaking regions"
// are places (the hand labels' reading).
constexpr auto kHeads =
    std::to_array<std::string_view>({"language", "languages", "zodiac", "character", "characters",
                                     "script", "alphabet", "subtitles", "dialect", "dialects"});

// The list separators between two names: ", ", " and ", ", and ", " or ", ", or ".
constexpr auto kSeparators =
    std::to_array<std::string_view>({", and ", ", or ", ", ", " and ", " or "});

bool is_only_language(std::string_view word) {
    return std::find(kOnlyLanguages.begin(), kOnlyLanguages.end(), word) != kOnlyLanguages.end();
}

// The capitalised word of letters ending at `end`, or empty.
std::string_view word_before(std::string_view text, std::size_t end) {
    std::size_t begin = end;
    while (begin > 0 && ascii::is_alpha(text[begin - 1])) --begin;
    const auto word = text.substr(begin, end - begin);
    return !word.empty() && ascii::is_upper(word.front()) ? word : std::string_view();
}

// The capitalised word of letters starting at `begin`, or empty.
std::string_view word_after(std::string_view text, std::size_t begin) {
    std::size_t end = begin;
    while (end < text.size() && ascii::is_alpha(text[end])) ++end;
    const auto word = text.substr(begin, end - begin);
    return !word.empty() && ascii::is_upper(word.front()) ? word : std::string_view();
}

}  // namespace

bool LanguageName::is_language(std::string_view folded_word) {
    return std::binary_search(kLanguages.begin(), kLanguages.end(), folded_word);
}

bool LanguageName::names_language(std::string_view text, std::size_t begin, std::size_t end) {
    static constexpr std::size_t kLongestList = 12;  // names walked on either side
    // Backwards over the list: "English, Chinese", "Mandarin Chinese".
    if (begin > 0 && text[begin - 1] == ' ' && is_only_language(word_before(text, begin - 1))) {
        return true;
    }
    std::size_t at = begin;
    for (std::size_t n = 0; n < kLongestList; ++n) {
        const auto before = text.substr(0, at);
        const auto sep = std::find_if(kSeparators.begin(), kSeparators.end(),
                                      [&](std::string_view s) { return before.ends_with(s); });
        if (sep == kSeparators.end()) break;
        const auto word = word_before(text, at - sep->size());
        if (word.empty()) break;
        if (is_only_language(word)) return true;
        at -= sep->size() + word.size();
    }
    // Forwards to the list's last name, then the word after it.
    at = end;
    for (std::size_t n = 0; n < kLongestList; ++n) {
        const auto rest = text.substr(at);
        const auto sep = std::find_if(kSeparators.begin(), kSeparators.end(),
                                      [&](std::string_view s) { return rest.starts_with(s); });
        if (sep == kSeparators.end()) break;
        const auto word = word_after(text, at + sep->size());
        if (word.empty()) break;
        if (is_only_language(word)) return true;
        at += sep->size() + word.size();
    }
    if (at >= text.size() || (text[at] != ' ' && text[at] != '-')) return false;
    std::size_t head_end = at + 1;
    while (head_end < text.size() && ascii::is_alpha(text[head_end])) ++head_end;
    const auto head = text.substr(at + 1, head_end - at - 1);
    return std::any_of(kHeads.begin(), kHeads.end(), [&](std::string_view h) {
        return head.size() == h.size() &&
               std::equal(head.begin(), head.end(), h.begin(),
                          [](char x, char y) { return ascii::to_lower(x) == y; });
    });
}

}  // namespace yalu
