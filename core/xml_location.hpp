#pragma once
// xml_line_of: turns a pugixml byte offset into the 1-based line number people need.

#include <cstddef>
#include <string>
#include <string_view>

namespace yalu {

/// 1-based line of byte `offset` in `text`.
[[nodiscard]] long line_at_offset(std::string_view text, std::ptrdiff_t offset);

/// 1-based line of byte `offset` in the file at `path` (0 if unreadable).
[[nodiscard]] long xml_line_of(const std::string& path, std::ptrdiff_t offset);

}  // namespace yalu
