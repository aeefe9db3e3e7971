#include "article.hpp"

namespace yalu {

std::string_view to_string(DateOrigin origin) {
    static constexpr std::string_view kNames[] = {"", "metadata", "dateline", "path"};
    return kNames[static_cast<int>(origin)];
}

std::string Article::body() const {
    std::string out;
    std::size_t size = 0;
    for (const auto& p : paragraphs) size += p.size() + 1;
    out.reserve(size);
    for (const auto& p : paragraphs) {
        if (!out.empty()) out += '\n';
        out += p;
    }
    return out;
}

}  // namespace yalu
