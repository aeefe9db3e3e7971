#pragma once
// Thesaurus: groups of terms that Korea-affairs sources write differently for the same thing.

#include "file_hashes.hpp"
#include "snapshot_bytes.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace yalu {

/// Term groups from schemas/thesaurus.xml (ICBM / intercontinental ballistic missile, flood /
/// 큰물, 미사일 / 미싸일, joint military exercises / war drills): a query naming one term also
/// searches the others. Terms are compared like gazetteer aliases (EntityTokenizer keys:
/// case-folded, hyphens and spaces alike); a Hangul word may carry a particle (큰물로).
class Thesaurus {
public:
    /// A span of query text naming a term.
    struct Match {
        std::size_t begin = 0;                            ///< byte offset in the text
        std::size_t end = 0;                              ///< byte offset one past the span
        const std::vector<std::string>* group = nullptr;  ///< every term of its group
    };

    /// Reads `path`; throws ConfigError naming the file, line and fix on any problem.
    [[nodiscard]] static Thesaurus load(const std::string& path);
    /// Parses thesaurus XML; `source_name` is used in error messages.
    [[nodiscard]] static Thesaurus parse(std::string_view xml, const std::string& source_name);

    /// What a snapshot of the thesaurus parsed from `xml` by this schema version is valid for.
    [[nodiscard]] static std::string source_stamp(std::string_view xml, int schema_version);
    /// source_stamp() of the thesaurus file at `path`, hashed as it is read (no copy of the
    /// file): what a search process checks a snapshot against. ConfigError if unreadable. The hash
    /// `known` recorded for the file when its identity is unchanged (no read at all).
    [[nodiscard]] static std::string file_stamp(const std::string& path, int schema_version,
                                                const FileHashes* known = nullptr);
    /// This thesaurus as bytes that from_snapshot() reads back without the XML parse and its
    /// tokenising; `stamp` is source_stamp() of its file.
    [[nodiscard]] std::string snapshot(std::string_view stamp) const;
    /// The thesaurus in `bytes` when they are a whole snapshot made with `stamp`; nullopt for
    /// another stamp, another format or damaged bytes (the caller then parses the XML).
    [[nodiscard]] static std::optional<Thesaurus> from_snapshot(std::string_view bytes,
                                                                std::string_view stamp);
    /// from_snapshot() of a snapshot file mapped or metadata read (the thesaurus keeps no view
    /// into them).
    [[nodiscard]] static std::optional<Thesaurus> from_snapshot(const SnapshotBytes& bytes,
                                                                std::string_view stamp) {
        return from_snapshot(bytes.view(), stamp);
    }

    /// The spans of `text` that name a term, left to right, the longest term at each place.
    [[nodiscard]] std::vector<Match> find(std::string_view text) const;

    /// Number of groups.
    [[nodiscard]] std::size_t size() const { return groups_.size(); }

    /// The groups, each a list of its terms as written.
    [[nodiscard]] const std::vector<std::vector<std::string>>& groups() const { return groups_; }

private:
    std::vector<std::vector<std::string>> groups_;
    std::unordered_map<std::string, std::size_t> by_key_;  // folded key -> group
    std::size_t max_tokens_ = 0;                           // longest term, in tokens
};

}  // namespace yalu
