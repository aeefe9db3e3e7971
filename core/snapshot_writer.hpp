#pragma once
// SnapshotWriter: the bytes of a snapshot the index keeps of a parsed configuration file.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace yalu {

/// Appends 32-bit little-endian integers (as the machine writes them: a snapshot is read by the
/// build that wrote it) and length-prefixed strings; finish() adds the XXH3 of it all.
class SnapshotWriter {
public:
    /// Appends `v`.
    void u32(std::uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
    /// Appends the length of `s`, then `s`.
    void str(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        out_.append(s);
    }
    /// Appends the count of `v`, then each string as str() does.
    void strs(std::span<const std::string_view> v) {
        u32(static_cast<std::uint32_t>(v.size()));
        for (const auto& s : v) str(s);
    }
    /// The bytes written, followed by their 64-bit XXH3 (SnapshotReader::checked_body).
    [[nodiscard]] std::string finish();

private:
    std::string out_;
};

}  // namespace yalu
