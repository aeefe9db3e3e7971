#pragma once
// Gazetteer: the entities of schemas/entities.xml, validated, with id and alias look-up.

#include "entity.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

// Entity pointers handed out stay valid while the Gazetteer lives (moving it keeps them).

/// The validated list of known entities; immutable after loading, safe to share between threads.
class Gazetteer {
public:
    /// Reads and validates a gazetteer file; throws ConfigError naming file, line and fix.
    [[nodiscard]] static Gazetteer load(const std::string& path);
    /// The bytes of a gazetteer file (for parse() and source_stamp()); ConfigError if unreadable.
    [[nodiscard]] static std::string read(const std::string& path);

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
    /// lookup(), or when that finds nothing, the name before a possessive or a Hangul particle
    /// (Kim Jong Un's, 김정은은, 북한의): a filter value as typed.
    [[nodiscard]] std::vector<const Entity*> lookup_name(std::string_view user_text) const;

    /// What a snapshot of the gazetteer parsed from `xml` by this schema version is valid for.
    [[nodiscard]] static std::string source_stamp(std::string_view xml, int schema_version);
    /// This gazetteer, parsed and validated, as bytes that from_snapshot() reads back about
    /// three times faster than parse() reads the XML; `stamp` is source_stamp() of its file.
    [[nodiscard]] std::string snapshot(std::string_view stamp) const;
    /// The gazetteer in `bytes` when they are a whole snapshot made with `stamp`; nullopt for
    /// another stamp, another format or damaged bytes (the caller then parses the XML).
    [[nodiscard]] static std::optional<Gazetteer> from_snapshot(std::string_view bytes,
                                                                std::string_view stamp);
    /// A hash of what decides each article's entities and how they are shown (entities,
    /// aliases, flags, keys, in order), blind to comments, layout and line numbers.
    [[nodiscard]] std::uint64_t content_fingerprint() const;

private:
    // The snapshot's bytes; without line numbers (all 0) when `with_lines` is false.
    [[nodiscard]] std::string serialize(std::string_view stamp, bool with_lines) const;
    // One alias by position: entities_[entity].aliases[alias].
    struct AliasRef {
        std::uint32_t entity = 0;
        std::uint32_t alias = 0;
    };

    // Fills by_id_ and by_key_ from entities_.
    void index();
    // Sets EntityAlias::spells_a_name_word on every alias.
    void mark_acronyms_spelling_name_words();
    [[nodiscard]] const EntityAlias& alias_at(AliasRef ref) const {
        return entities_[ref.entity].aliases[ref.alias];
    }

    int version_ = 0;
    std::vector<Entity> entities_;
    // Sorted arrays of positions, not maps of copied strings: a search process builds them on
    // every start, and one allocation each is what makes that cheap.
    std::vector<std::uint32_t> by_id_;  // entity indices sorted by id
    std::vector<AliasRef> by_key_;      // every alias, sorted by folded key
};

}  // namespace yalu
