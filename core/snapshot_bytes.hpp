#pragma once
// SnapshotBytes: a snapshot's bytes, owned as a string or mapped read-only from a file.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace yalu {

/// The bytes of a snapshot (SnapshotWriter): a string read from the index's metadata, or a
/// snapshot file (SnapshotFile) mapped read-only, which costs no copy and no fresh page (the
/// metadata read was a B-tree walk, zlib and a growing string: a ninth of a search process).
/// What a Gazetteer read from a snapshot keeps, its entities being views into these bytes
/// (taken once the bytes are in place: a short owned string moves with its object).
class SnapshotBytes {
public:
    /// No bytes.
    SnapshotBytes() = default;
    /// Owns `bytes`.
    explicit SnapshotBytes(std::string bytes) : owned_(std::move(bytes)) {}
    /// The whole file at `path`, mapped read-only; nullopt when it is absent, unreadable, empty
    /// or no regular file. The file must never be rewritten in place while mapped (a shorter
    /// file would fault on the lost pages): SnapshotFile replaces it by a rename.
    [[nodiscard]] static std::optional<SnapshotBytes> map(const std::string& path);

    /// Unmaps a mapped file.
    ~SnapshotBytes();
    /// Takes over `other`'s bytes (a mapping moves; `other` is left empty).
    SnapshotBytes(SnapshotBytes&& other) noexcept;
    /// Unmaps this one's file, then takes over `other`'s bytes.
    SnapshotBytes& operator=(SnapshotBytes&& other) noexcept;
    SnapshotBytes(const SnapshotBytes&) = delete;
    SnapshotBytes& operator=(const SnapshotBytes&) = delete;

    /// The bytes.
    [[nodiscard]] std::string_view view() const {
        return mapped_ ? std::string_view(mapped_, mapped_size_) : std::string_view(owned_);
    }
    /// True when the bytes are a mapped file's.
    [[nodiscard]] bool is_mapped() const { return mapped_ != nullptr; }

private:
    void unmap() noexcept;

    std::string owned_;
    const char* mapped_ = nullptr;
    std::size_t mapped_size_ = 0;
};

}  // namespace yalu
