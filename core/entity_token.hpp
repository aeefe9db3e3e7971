#pragma once
// EntityToken: one word of a text as the entity matcher sees it.

#include <cstdint>

namespace yalu {

/// A maximal run of word characters of one script, with what separated it from the previous one.
struct EntityToken {
    /// The script class of the token's characters.
    enum class Script : std::uint8_t { latin, hangul, han };
    /// What lies between this token and the previous one.
    enum class Gap : std::uint8_t { none, soft, dot, hard };

    std::uint32_t begin = 0;        ///< byte offset of the token's first byte
    std::uint32_t end = 0;          ///< byte offset one past the token
    std::uint32_t fold_begin = 0;   ///< offset of the case-folded form in the folded buffer
    std::uint32_t fold_end = 0;     ///< offset one past the case-folded form
    std::uint64_t hash = 0;         ///< EntityTokenizer::hash of the case-folded form
    Script script = Script::latin;  ///< latin (any alphabet and digits), hangul or han (CJK, kana)
    Gap gap_before = Gap::hard;  ///< none: script change; soft: space/hyphen/apostrophe; dot: '.'
};

}  // namespace yalu
