#include "xml_location.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace yalu {

long line_at_offset(std::string_view text, std::ptrdiff_t offset) {
    if (offset < 0) return 0;
    const auto end = std::min<std::size_t>(static_cast<std::size_t>(offset), text.size());
    return 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(end), '\n'));
}

long xml_line_of(const std::string& path, std::ptrdiff_t offset) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return 0;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return line_at_offset(text, offset);
}

}  // namespace yalu
