#pragma once
// LineIndex: byte offsets -> 1-based line numbers, for error messages that name the line.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// Remembers where each line of a text starts, so offsets (pugixml's, a parser's) become line
/// numbers in O(log n).
class LineIndex {
public:
    /// Indexes `text` (only its line starts are kept).
    explicit LineIndex(std::string_view text);
    /// The 1-based line holding byte `offset`; 0 for a negative offset.
    [[nodiscard]] long line_of(std::ptrdiff_t offset) const;
    /// The 1-based line of byte `offset` in the file at `path` (0 when unreadable).
    [[nodiscard]] static long line_in_file(const std::string& path, std::ptrdiff_t offset);

private:
    std::vector<std::size_t> starts_;
};

}  // namespace yalu
