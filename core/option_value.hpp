#pragma once
// option_value: the one rule for option values that are a word of a fixed set (--sort newest,
// --format json) or a language code (--lang ko): any letter case and white space around the
// value are read as the word; anything else is a usage error naming the option, the value as
// typed and what the option takes. And the rule for every value: an empty one is no value.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// A UsageError when `value` is empty or ASCII white space only, as a script's unset variable
/// gives it (--from "$START", --db "$DB"): "--from needs a date (...), not an empty value
/// (leave the option out for none)", `takes` saying what the option takes and `unset` what
/// leaving it out means. Such a value was read as no option at all (every date searched, the
/// default database, no --rejects list) or as a path that is nothing.
void require_value(std::string_view option, std::string_view value, std::string_view takes,
                   std::string_view unset);

/// What an unknown option (`typed` as given: "--lim", "--limt=5") most likely meant among the
/// long options `names` (without their dashes), as "; did you mean --limit?": those it
/// abbreviates (both tools take an option only spelt in full: --lim is no --limit), else those
/// nearest it by an edit or two (a third of its letters at most); "" when none or more than
/// three are near.
[[nodiscard]] std::string option_suggestion(std::string_view typed,
                                            const std::vector<std::string>& names);

}  // namespace yalu
