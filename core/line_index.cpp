#include "line_index.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace yalu {

LineIndex::LineIndex(std::string_view text) {
    starts_.push_back(0);
    // LF, CR LF and a lone CR (classic Mac line ends) each end a line, as in XML.
    for (std::size_t i = 0; i < text.size(); ++i)
        if (ascii::ends_line(text, i)) starts_.push_back(i + 1);
}

long LineIndex::line_of(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    const auto it =
        std::upper_bound(starts_.begin(), starts_.end(), static_cast<std::size_t>(offset));
    return static_cast<long>(std::distance(starts_.begin(), it));
}

long LineIndex::line_in_file(const std::string& path, std::ptrdiff_t offset) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return 0;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return LineIndex(text).line_of(offset);
}

}  // namespace yalu
