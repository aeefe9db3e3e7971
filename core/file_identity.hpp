#pragma once
// FileIdentity: what the file system says of a file without reading it.

#include <cstdint>
#include <optional>
#include <string>

namespace yalu {

/// A file's device, inode, size and modification and change times (nanoseconds since the
/// epoch). Every write sets the change time (ctime) to the file system's clock, and no
/// program can set it back, so a file whose identity is unchanged holds the bytes it held,
/// unless a write came within the same tick of that clock as the change before it: an
/// identity is trusted only once it is settled().
struct FileIdentity {
    std::uint64_t device = 0;   ///< st_dev of the file system holding it
    std::uint64_t inode = 0;    ///< st_ino within that file system
    std::int64_t size = 0;      ///< bytes
    std::int64_t mtime_ns = 0;  ///< last modification (st_mtim), ns since the epoch
    std::int64_t ctime_ns = 0;  ///< last change of data or inode (st_ctim), ns since the epoch

    /// How long before a moment a file must have last changed for its identity at that moment
    /// to be trusted: far above any file system's clock tick (a jiffy on Linux's own, two
    /// seconds on FAT) and a network file system's usual clock skew.
    static constexpr std::int64_t kSettle_ns = 5'000'000'000;

    /// The identity of the file at `path` (links followed); nullopt when it cannot be stat'ed.
    [[nodiscard]] static std::optional<FileIdentity> of(const std::string& path);
    /// The identity of the file open as `fd`; nullopt when it cannot be stat'ed.
    [[nodiscard]] static std::optional<FileIdentity> of_descriptor(int fd);
    /// Now, on the clock file times come from (CLOCK_REALTIME), in nanoseconds.
    [[nodiscard]] static std::int64_t now_ns();
    /// True when the file last changed (mtime and ctime) at least kSettle_ns before `when_ns`:
    /// a write after `when_ns` then sets another ctime, so this identity cannot come back.
    [[nodiscard]] bool settled(std::int64_t when_ns) const;

    /// The same file with the same size and times, field by field.
    bool operator==(const FileIdentity&) const = default;
};

}  // namespace yalu
