#include "language_code.hpp"

#include "ascii.hpp"

#include <algorithm>

namespace yalu {

std::optional<std::string> language_code(std::string_view tag) {
    if (const auto dash = tag.find_first_of("-_"); dash != std::string_view::npos && dash > 0)
        tag = tag.substr(0, dash);
    if (tag.size() < 2 || tag.size() > 3 || !std::all_of(tag.begin(), tag.end(), ascii::is_alpha))
        return std::nullopt;
    std::string code(tag);
    for (char& c : code) c = ascii::to_lower(c);
    return code;
}

}  // namespace yalu
