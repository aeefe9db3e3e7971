#include "language_code.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <utility>

namespace yalu {

std::optional<std::string> language_code(std::string_view tag) {
    if (const auto dash = tag.find_first_of("-_"); dash != std::string_view::npos && dash > 0)
        tag = tag.substr(0, dash);
    if (tag.size() < 2 || tag.size() > 3 || !std::all_of(tag.begin(), tag.end(), ascii::is_alpha))
        return std::nullopt;
    std::string code(tag);
    for (char& c : code) c = ascii::to_lower(c);
    // The three-letter codes of the languages this archive's sources use, as their two-letter
    // codes: an index and a filter then agree however the tag was written.
    static constexpr std::pair<std::string_view, std::string_view> kTwoLetter[] = {
        {"eng", "en"}, {"kor", "ko"}, {"jpn", "ja"}, {"zho", "zh"}, {"chi", "zh"}, {"rus", "ru"},
        {"fra", "fr"}, {"fre", "fr"}, {"deu", "de"}, {"ger", "de"}, {"spa", "es"}};
    for (const auto& [three, two] : kTwoLetter)
        if (code == three) return std::string(two);
    return code;
}

bool is_language_tag(std::string_view tag) {
    std::size_t subtags = 0;
    for (std::size_t begin = 0;; ++subtags) {
        const std::size_t end = std::min(tag.find_first_of("-_", begin), tag.size());
        const std::string_view subtag = tag.substr(begin, end - begin);
        const bool ok = subtags == 0
                            ? subtag.size() >= 2 && subtag.size() <= 3 &&
                                  std::all_of(subtag.begin(), subtag.end(), ascii::is_alpha)
                            : !subtag.empty() && subtag.size() <= 8 &&
                                  std::all_of(subtag.begin(), subtag.end(), [](char c) {
                                      return ascii::is_alpha(c) || ascii::is_digit(c);
                                  });
        if (!ok) return false;
        if (end == tag.size()) return true;
        begin = end + 1;
    }
}

}  // namespace yalu
