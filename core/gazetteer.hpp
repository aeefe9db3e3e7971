#pragma once
// Gazetteer: the entities of schemas/entities.xml, validated, with id and alias look-up.

#include "entity.hpp"
#include "file_hashes.hpp"
#include "snapshot_bytes.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yalu {

// Entity pointers (and the views each Entity holds) stay valid while the Gazetteer or a copy
// of it lives: copies share one immutable store. A move copies (one reference count): the
// gazetteer moved from keeps the store, so it and a matcher built on it still work.

/// The validated list of known entities; immutable after loading, safe to share between threads.
class Gazetteer {
public:
    /// A gazetteer of no entities.
    Gazetteer();
    /// Shares `other`'s store; also what a move does, so no gazetteer is ever left empty.
    Gazetteer(const Gazetteer& other) = default;
    /// Shares `other`'s store (a move too).
    Gazetteer& operator=(const Gazetteer& other) = default;
    /// Releases this gazetteer's share of the store.
    ~Gazetteer() = default;

    /// Reads and validates a gazetteer file; throws ConfigError naming file, line and fix.
    [[nodiscard]] static Gazetteer load(const std::string& path);
    /// The bytes of a gazetteer file (for parse() and source_stamp()); ConfigError if unreadable.
    [[nodiscard]] static std::string read(const std::string& path);

    /// Parses gazetteer XML held in memory; `source_name` is used in error messages.
    [[nodiscard]] static Gazetteer parse(std::string_view xml, const std::string& source_name);

    /// The `version` attribute of the root element.
    [[nodiscard]] int version() const;

    /// Every entity, in file order (of a gazetteer read from a snapshot, each made now if no
    /// one asked for it before: what needs only a few should ask entity() for them).
    [[nodiscard]] std::span<const Entity> entities() const;
    /// How many entities there are.
    [[nodiscard]] std::size_t entity_count() const;
    /// entities()[index], made alone if it was not yet: a gazetteer read from a snapshot makes
    /// its entities one by one as they are asked for, which spares a search building the
    /// ~1,900 it never reads.
    [[nodiscard]] const Entity& entity(std::size_t index) const;

    /// The entity with this id, or nullptr.
    [[nodiscard]] const Entity* find(std::string_view id) const;

    /// What a hit or a facet shows of an entity.
    struct Label {
        EntityType type = EntityType::person;  ///< person, org or place
        std::string_view name;                 ///< display name
    };
    /// The label of the entity with this id, or nullopt: find()'s type and name, read in place
    /// from a snapshot without making the entity (a page of hits names ~100 entities, a
    /// facet count hundreds, each made for two fields).
    [[nodiscard]] std::optional<Label> label(std::string_view id) const;

    /// The position of `entity` in entities(); `entity` must belong to this gazetteer.
    [[nodiscard]] std::size_t index_of(const Entity& entity) const;

    /// Entities a filter value names by id or alias, normalised as in matching; sorted by id.
    [[nodiscard]] std::vector<const Entity*> lookup(std::string_view user_text) const;
    /// lookup(), or when that finds nothing, the name before a possessive or a Hangul particle
    /// (Kim Jong Un's, 김정은은, 북한의): a filter value as typed.
    [[nodiscard]] std::vector<const Entity*> lookup_name(std::string_view user_text) const;

    /// Calls visit(position of the entity in entities(), alias) for every alias of every
    /// entity, in file order, without making the entities (read from a snapshot, the records
    /// are read in place): a pass over all the names, as a search makes for an acronym or a
    /// misspelt word, reads ~5,700 aliases where making them cost fresh memory for all. The
    /// alias is valid during its call only.
    void for_each_alias(const std::function<void(std::size_t, const EntityAlias&)>& visit) const;

    /// Every alias whose folded key is the folded word `word` or begins with it before a gap
    /// character, each with the position of its entity in entities(); in file order.
    [[nodiscard]] std::vector<std::pair<std::size_t, const EntityAlias*>> aliases_starting_with(
        std::string_view word) const;

    /// What a snapshot of the gazetteer parsed from `xml` by this schema version is valid for.
    [[nodiscard]] static std::string source_stamp(std::string_view xml, int schema_version);
    /// source_stamp() of the gazetteer file at `path`, hashed as it is read (no copy of the
    /// file): what a search process checks a snapshot against. ConfigError if unreadable. The hash
    /// `known` recorded for the file when its identity is unchanged (no read at all).
    [[nodiscard]] static std::string file_stamp(const std::string& path, int schema_version,
                                                const FileHashes* known = nullptr);
    /// This gazetteer, parsed and validated, as bytes that from_snapshot() reads back about
    /// three times faster than parse() reads the XML; `stamp` is source_stamp() of its file.
    [[nodiscard]] std::string snapshot(std::string_view stamp) const;
    /// The gazetteer in `bytes` when they are a whole snapshot made with `stamp`; nullopt for
    /// another stamp, another format or damaged bytes (the caller then parses the XML). The
    /// gazetteer keeps `bytes` (a string, or a mapped snapshot file) and its entities are views
    /// into them: no string is copied.
    [[nodiscard]] static std::optional<Gazetteer> from_snapshot(SnapshotBytes bytes,
                                                                std::string_view stamp);
    /// from_snapshot() of bytes held in a string (the index's metadata).
    [[nodiscard]] static std::optional<Gazetteer> from_snapshot(std::string bytes,
                                                                std::string_view stamp) {
        return from_snapshot(SnapshotBytes(std::move(bytes)), stamp);
    }
    /// A hash of what decides each article's entities and how they are shown (entities,
    /// aliases, flags, keys, in order), blind to comments, layout and line numbers.
    [[nodiscard]] std::uint64_t content_fingerprint() const;

private:
    // One alias by position: entities()[entity].aliases[alias].
    struct AliasRef {
        std::uint32_t entity = 0;
        std::uint32_t alias = 0;
    };
    // What the views point into (the snapshot's bytes, or the strings parse() read) and the
    // tables built over them; defined in gazetteer.cpp.
    struct Data;

    explicit Gazetteer(std::shared_ptr<const Data> data);
    // The snapshot's bytes; without line numbers (all 0) when `with_lines` is false.
    [[nodiscard]] std::string serialize(std::string_view stamp, bool with_lines) const;
    // Fills data.by_id and data.by_key from data.entities.
    static void index(Data& data);
    // Makes entity `index` of a snapshot's `data` from its record (entity()).
    static void build(const Data& data, std::size_t index);
    // The id of entity `index` and the folded key of `ref`, read in place from a snapshot
    // (binary searches pass many entities and make none of them).
    [[nodiscard]] std::string_view id_of(std::size_t index) const;
    [[nodiscard]] std::string_view folded_key_of(AliasRef ref) const;
    // The position of the entity with this id, entity_count() when none (find() without
    // making the entity).
    [[nodiscard]] std::size_t index_of_id(std::string_view id) const;
    // Position `k` of the look-up orders: entity indices sorted by id, aliases by folded key.
    [[nodiscard]] std::uint32_t by_id_at(std::size_t k) const;
    [[nodiscard]] AliasRef by_key_at(std::size_t k) const;
    // Sets EntityAlias::spells_a_name_word on every alias of data.aliases.
    static void mark_acronyms_spelling_name_words(Data& data);
    [[nodiscard]] const EntityAlias& alias_at(AliasRef ref) const;

    std::shared_ptr<const Data> data_;  // never null; shared by copies, immutable
};

}  // namespace yalu
