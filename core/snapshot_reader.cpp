#include "snapshot_reader.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace yalu {

std::optional<std::string_view> SnapshotReader::checked_body(std::string_view bytes) {
    constexpr std::size_t kSum = sizeof(std::uint64_t);
    if (bytes.size() < kSum) return std::nullopt;
    const auto body = bytes.substr(0, bytes.size() - kSum);
    std::uint64_t sum = 0;
    std::memcpy(&sum, bytes.data() + body.size(), kSum);
    if (sum != XXH3_64bits(body.data(), body.size())) return std::nullopt;
    return body;
}

}  // namespace yalu
