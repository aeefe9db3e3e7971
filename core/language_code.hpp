#pragma once
// language_code: a language tag as the index and its filters hold it.

#include <optional>
#include <string>
#include <string_view>

namespace yalu {

/// The code the index holds for a language tag: lower case, the primary subtag of a regional
/// tag, two letters for the common three-letter codes (EN, en-US, ko_KR, kor -> en, en, ko,
/// ko); nullopt unless that is two or three ASCII letters.
[[nodiscard]] std::optional<std::string> language_code(std::string_view tag);

/// Whether `tag` is written as a language tag: a primary subtag of two or three ASCII letters,
/// then subtags of one to eight ASCII letters or digits, each after a - or _ (en, KO, en-US,
/// ko_KR, zh-Hant-TW). language_code() reads the primary subtag of anything after it
/// (xx-garbage!! is xx), which a reader then warns about.
[[nodiscard]] bool is_language_tag(std::string_view tag);

}  // namespace yalu
