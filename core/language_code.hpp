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

}  // namespace yalu
