#pragma once
// SnapshotReader: reads back, as views into its bytes, what a SnapshotWriter wrote.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace yalu {

/// Reads a snapshot's integers and strings in the order they were written; every read is
/// bounds-checked, and damage (a read past the end) makes ok() false and every later read empty.
class SnapshotReader {
public:
    /// The bytes before the checksum of a whole snapshot (SnapshotWriter::finish), or nullopt
    /// when they are too short or their XXH3 is not the one stored.
    [[nodiscard]] static std::optional<std::string_view> checked_body(std::string_view bytes);

    /// Reads `in` (a checked body).
    explicit SnapshotReader(std::string_view in) : in_(in) {}
    /// False once a read went past the end.
    [[nodiscard]] bool ok() const { return ok_; }
    /// Every byte read, and nothing went wrong.
    [[nodiscard]] bool at_end() const { return ok_ && in_.empty(); }
    /// Bytes not read yet (an upper bound for counts read from damaged bytes).
    [[nodiscard]] std::size_t left() const { return in_.size(); }
    /// The next integer; 0 past the end. Always inlined, as str(): a search process's gazetteer
    /// load reads ~27,000 strings, and GCC left these calls in the record walk (0.37M
    /// instructions a process).
    [[gnu::always_inline]] std::uint32_t u32() {
        std::uint32_t v = 0;
        if (in_.size() < sizeof v) return fail();
        std::memcpy(&v, in_.data(), sizeof v);
        in_.remove_prefix(sizeof v);
        return v;
    }
    /// The next string, a view into the bytes; empty past the end.
    [[gnu::always_inline]] std::string_view str() {
        const auto n = u32();
        if (n > in_.size()) return fail(), std::string_view();
        const auto s = in_.substr(0, n);
        in_.remove_prefix(n);
        return s;
    }
    /// The next `n` bytes as they are (an array read in place); empty past the end.
    std::string_view bytes(std::size_t n) {
        if (n > in_.size()) return fail(), std::string_view();
        const auto s = in_.substr(0, n);
        in_.remove_prefix(n);
        return s;
    }
    /// The next list of strings, appended to `out`; its length (0 past the end).
    std::size_t strs(std::vector<std::string_view>& out) {
        // Each string takes at least its 4-byte length: a damaged count stops at the end.
        const std::size_t claimed = u32();
        const std::size_t n = std::min(claimed, in_.size() / sizeof(std::uint32_t));
        for (std::size_t i = 0; i < n && ok_; ++i) out.push_back(str());
        return ok_ ? n : 0;
    }

private:
    std::uint32_t fail() {
        ok_ = false;
        in_ = {};
        return 0;
    }

    std::string_view in_;
    bool ok_ = true;
};

}  // namespace yalu
