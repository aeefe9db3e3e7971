#include "snapshot_writer.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace yalu {

std::string SnapshotWriter::finish() {
    const std::uint64_t sum = XXH3_64bits(out_.data(), out_.size());
    out_.append(reinterpret_cast<const char*>(&sum), sizeof sum);
    return std::move(out_);
}

}  // namespace yalu
