#pragma once
// SnapshotFile: a snapshot kept as a file in the folder of the database it was written for.

#include "snapshot_bytes.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace yalu {

/// The gazetteer's and thesaurus's snapshots, which the index keeps in its metadata, also kept
/// as files beside the database's tables (`DIR/yalu.gazetteer.snapshot`, named after the
/// metadata key), so that a search process maps them instead of reading them out of the
/// B-tree. Only a cache: a reader checks the checksum and the stamp as for the metadata, and
/// falls back to the metadata (then the XML) when the file is absent, damaged or stale. Each
/// lives and dies with its generation folder.
class SnapshotFile {
public:
    /// The file of the snapshot under metadata key `key` in the database folder `dir`.
    [[nodiscard]] static std::string path(const std::string& dir, const std::string& key);
    /// True for the name of a snapshot file, or of the temporary file one is written as: files
    /// of a database folder that no reader needs.
    [[nodiscard]] static bool is_snapshot_name(std::string_view file_name);

    /// Makes path(dir, key) hold `bytes`: nothing is written when it does already (an
    /// unchanged run leaves every file as it was); otherwise a temporary file, flushed to disk,
    /// is renamed over it, so a reader maps the old bytes or the new, never a mixture, and a
    /// run killed at any moment leaves at worst the temporary file (removed by the next
    /// write). Returns what went wrong ("" when nothing did): a file that cannot be written
    /// costs searches speed, not results, so the caller only says so.
    [[nodiscard]] static std::string write(const std::string& dir, const std::string& key,
                                           std::string_view bytes);

    /// path(dir, key) mapped read-only, or nullopt when it is absent or unreadable.
    [[nodiscard]] static std::optional<SnapshotBytes> read(const std::string& dir,
                                                           const std::string& key);
};

}  // namespace yalu
