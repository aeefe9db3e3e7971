#pragma once
// Entity: a person, organisation or place from the gazetteer, with its aliases and links.

#include "entity_alias.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// The kind of an entity; the gazetteer's `type` attribute.
enum class EntityType { person, org, place };

/// "person", "org" or "place".
[[nodiscard]] std::string_view to_string(EntityType type);

/// The type named by "person", "org" or "place"; nullopt for anything else.
[[nodiscard]] std::optional<EntityType> entity_type_from_string(std::string_view text);

/// One gazetteer entry: a stable id, a type, a display name and the forms it is mentioned by.
struct Entity {
    std::string id;                        ///< unique, [a-z0-9-]+, e.g. "kim-jong-un"
    EntityType type = EntityType::person;  ///< person, org or place
    std::string name;                      ///< display name, e.g. "Kim Jong-un"
    std::vector<EntityAlias> aliases;      ///< every matchable form, the name first; no duplicates
    std::vector<std::string> also;         ///< ids that a mention of this entity also counts as
    std::vector<std::string> context;  ///< ids whose presence favours this entity when ambiguous
    int line = 0;                      ///< 1-based line of the <entity> element
};

}  // namespace yalu
