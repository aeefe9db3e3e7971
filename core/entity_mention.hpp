#pragma once
// EntityMention: where an entity is mentioned in a text.

#include "entity.hpp"

#include <cstddef>

namespace yalu {

/// One mention found by EntityMatcher: the entity and the byte range [begin, end) in the text.
struct EntityMention {
    const Entity* entity = nullptr;  ///< the entity (ambiguous aliases: the default candidate)
    std::size_t begin = 0;           ///< byte offset of the first byte of the mention
    std::size_t end = 0;  ///< byte offset one past the mention (a possessive 's excluded)
};

}  // namespace yalu
