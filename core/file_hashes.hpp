#pragma once
// FileHashes: the hashes of the schema files a yalu-index run read, by their identity then.

#include "file_identity.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// The XXH3 of each configuration file (entities.xml, thesaurus.xml) a yalu-index run read,
/// under the file's identity while it read it, kept beside the snapshots (SnapshotFile under
/// kFileKey). A search finds a snapshot's stamp by the hash of its XML file: a file whose
/// identity is the one recorded holds the bytes that were hashed, so the search takes the
/// recorded hash instead of reading and hashing the file on every start. Only settled
/// identities are recorded (FileIdentity::settled): a file changed in the few seconds before
/// the run is hashed by every search, as any file is whose identity differs (edited, replaced,
/// touched, another schema folder), until a run records it again.
class FileHashes {
public:
    /// The snapshot file's key (SnapshotFile::path(dir, kFileKey)).
    static constexpr const char* kFileKey = "yalu.sources";

    /// Records the hash of `bytes`, read from a file whose identity was `before` when the read
    /// began and `after` when it ended, when the two are one identity settled at `now_ns`.
    void note(const std::optional<FileIdentity>& before, std::string_view bytes,
              const std::optional<FileIdentity>& after, std::int64_t now_ns);
    /// The recorded hash of the file at `path` when its identity now is one recorded; nullopt
    /// otherwise (the caller hashes the file).
    [[nodiscard]] std::optional<std::uint64_t> hash_of(const std::string& path) const;

    /// The records as snapshot bytes (SnapshotWriter, checksummed).
    [[nodiscard]] std::string bytes() const;
    /// The records in `bytes`; nullopt when they are not whole, checksummed FileHashes bytes.
    [[nodiscard]] static std::optional<FileHashes> from_bytes(std::string_view bytes);

private:
    struct Record {
        FileIdentity identity;
        std::uint64_t hash = 0;
    };
    std::vector<Record> records_;
};

}  // namespace yalu
