#include "file_hashes.hpp"

#include "snapshot_reader.hpp"
#include "snapshot_writer.hpp"

// XXH3 as the snapshot stamps compute it (Gazetteer::source_stamp): the same hashes.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>

namespace yalu {

namespace {

constexpr std::string_view kMagic = "yalu-file-hashes-1\n";

// A 64-bit number as two 32-bit halves, low first (SnapshotWriter writes 32 bits at a time).
void u64(SnapshotWriter& w, std::uint64_t v) {
    w.u32(static_cast<std::uint32_t>(v));
    w.u32(static_cast<std::uint32_t>(v >> 32));
}

std::uint64_t u64(SnapshotReader& r) {
    const std::uint64_t low = r.u32();
    return low | static_cast<std::uint64_t>(r.u32()) << 32;
}

}  // namespace

void FileHashes::note(const std::optional<FileIdentity>& before, std::string_view bytes,
                      const std::optional<FileIdentity>& after, std::int64_t now_ns) {
    // Changed while it was read, or too lately for its identity to tell a later write apart.
    if (!before || !after || *before != *after || !before->settled(now_ns)) return;
    if (before->size != static_cast<std::int64_t>(bytes.size())) return;
    records_.push_back(Record{*before, XXH3_64bits(bytes.data(), bytes.size())});
}

std::optional<std::uint64_t> FileHashes::hash_of(const std::string& path) const {
    if (records_.empty()) return std::nullopt;
    const auto now = FileIdentity::of(path);
    if (!now) return std::nullopt;
    for (const Record& r : records_)
        if (r.identity == *now) return r.hash;
    return std::nullopt;
}

std::string FileHashes::bytes() const {
    SnapshotWriter w;
    w.str(kMagic);
    w.u32(static_cast<std::uint32_t>(records_.size()));
    for (const Record& r : records_) {
        u64(w, r.identity.device);
        u64(w, r.identity.inode);
        u64(w, static_cast<std::uint64_t>(r.identity.size));
        u64(w, static_cast<std::uint64_t>(r.identity.mtime_ns));
        u64(w, static_cast<std::uint64_t>(r.identity.ctime_ns));
        u64(w, r.hash);
    }
    return w.finish();
}

std::optional<FileHashes> FileHashes::from_bytes(std::string_view bytes) {
    const auto body = SnapshotReader::checked_body(bytes);
    if (!body) return std::nullopt;
    SnapshotReader r(*body);
    if (r.str() != kMagic) return std::nullopt;
    // A record takes 48 bytes: a damaged count cannot reserve much.
    const std::size_t claimed = r.u32();
    const std::size_t count = std::min(claimed, r.left() / 48);
    FileHashes out;
    for (std::size_t i = 0; i < count; ++i) {
        Record rec;
        rec.identity.device = u64(r);
        rec.identity.inode = u64(r);
        rec.identity.size = static_cast<std::int64_t>(u64(r));
        rec.identity.mtime_ns = static_cast<std::int64_t>(u64(r));
        rec.identity.ctime_ns = static_cast<std::int64_t>(u64(r));
        rec.hash = u64(r);
        out.records_.push_back(rec);
    }
    if (!r.at_end() || count != claimed) return std::nullopt;
    return out;
}

}  // namespace yalu
