#pragma once
// Entity: a person, organisation or place from the gazetteer, with its aliases and links.

#include "entity_alias.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace yalu {

/// The kind of an entity; the gazetteer's `type` attribute.
enum class EntityType { person, org, place };

/// "person", "org" or "place".
[[nodiscard]] std::string_view to_string(EntityType type);

/// `type_word` ("person", "org", "place", "entity") after its indefinite article: "a person",
/// "an org".
[[nodiscard]] std::string with_article(std::string_view type_word);

/// The type named by "person", "org" or "place"; nullopt for anything else.
[[nodiscard]] std::optional<EntityType> entity_type_from_string(std::string_view text);

/// One gazetteer entry: a stable id, a type, a display name and the forms it is mentioned by.
/// Its texts and lists are views into the Gazetteer that holds it (no allocation of its own, so
/// a search process reads the index's snapshot without copying it): valid while that Gazetteer
/// (or a copy) lives.
struct Entity {
    std::string_view id;                   ///< unique, [a-z0-9-]+, e.g. "kim-jong-un"
    EntityType type = EntityType::person;  ///< person, org or place
    std::string_view name;                 ///< display name, e.g. "Kim Jong-un"
    std::span<const EntityAlias> aliases;  ///< every matchable form, the name first; no duplicates
    std::span<const std::string_view> also;  ///< ids that a mention of this entity also counts as
    std::span<const std::string_view> context;  ///< ids whose presence favours this entity when
                                                ///< ambiguous
    int line = 0;                               ///< 1-based line of the <entity> element
};

}  // namespace yalu
