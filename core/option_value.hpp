#pragma once
// option_value: the one rule for option values that are a word of a fixed set (--sort newest,
// --format json) or a language code (--lang ko): any letter case and white space around the
// value are read as the word; anything else is a usage error naming the option, the value as
// typed and what the option takes.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace yalu {

/// The one of `choices` (words in lower case, string literals) that `value` is, written in any
/// letter case, with ASCII white space around it or not ("Newest", " json "); nullopt when it
/// is none of them.
[[nodiscard]] std::optional<std::string_view> find_choice(
    std::string_view value, std::initializer_list<std::string_view> choices);

/// find_choice(), or a UsageError "--sort must be relevance, newest or oldest, not 'new'"
/// (`option` is "--sort").
[[nodiscard]] std::string option_choice(std::string_view option, std::string_view value,
                                        std::initializer_list<std::string_view> choices);

/// The language code of `value` without the white space around it (language_code: EN, en-US,
/// kor are en, en, ko), or a UsageError naming `option` ("--lang") and the value as typed.
[[nodiscard]] std::string option_language(std::string_view option, std::string_view value);

}  // namespace yalu
