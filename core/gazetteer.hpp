#pragma once
// Gazetteer: the entities of schemas/entities.xml, validated, with id and alias look-up.

#include "entity.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace yalu {

// Entity pointers handed out stay valid while the Gazetteer lives (moving it keeps them).

/// The validated list of known entities; immutable after loading, safe to share between threads.
class Gazetteer {
public:
    /// Reads and validates a gazetteer file; throws ConfigError naming file, line and fix.
    [[nodiscard]] static Gazetteer load(const std::string& path);

    /// Parses gazetteer XML held in memory; `source_name` is used in error messages.
    [[nodiscard]] static Gazetteer parse(std::string_view xml, const std::string& source_name);

    /// The `version` attribute of the root element.
    [[nodiscard]] int version() const { return version_; }

    /// Every entity, in file order.
    [[nodiscard]] const std::vector<Entity>& entities() const { return entities_; }

    /// The entity with this id, or nullptr.
    [[nodiscard]] const Entity* find(std::string_view id) const;

    /// The position of `entity` in entities(); `entity` must belong to this gazetteer.
    [[nodiscard]] std::size_t index_of(const Entity& entity) const;

    /// Entities a filter value names by id or alias, normalised as in matching; sorted by id.
    [[nodiscard]] std::vector<const Entity*> lookup(std::string_view user_text) const;

private:
    // One alias under its folded key: which entity, and the unfolded key for exact-case aliases.
    struct KeyedAlias {
        std::size_t entity = 0;
        bool exact_case = false;
        std::string raw_key;
    };

    int version_ = 0;
    std::vector<Entity> entities_;
    std::map<std::string, std::size_t, std::less<>> by_id_;
    std::unordered_map<std::string, std::vector<KeyedAlias>> by_key_;
};

}  // namespace yalu
