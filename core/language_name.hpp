#pragma once
// LanguageName: tells a language's name from the same word naming its people's state.

#include <cstddef>
#include <string_view>

namespace yalu {

/// The words that name both a language and a state's people ("Chinese", "Russian"), which the
/// gazetteer lists as the state's aliases, and what says the text means the language.
class LanguageName {
public:
    /// Whether `folded_word` (lower case) names a language: "chinese", "russian", "english".
    [[nodiscard]] static bool is_language(std::string_view folded_word);

    /// Whether the word at bytes [begin, end) of `text` names its language there: before a
    /// word of language ("Chinese-language", "the Russian language", "the Chinese zodiac",
    /// "Chinese characters"), in a list closed by one ("in Korean,
    /// Chinese and Russian languages") or holding a word that names only a language ("English,
    /// Chinese, Vietnamese, and Korean"), or after such a word ("Mandarin Chinese").
    [[nodiscard]] static bool names_language(std::string_view text, std::size_t begin,
                                             std::size_t end);
};

}  // namespace yalu
