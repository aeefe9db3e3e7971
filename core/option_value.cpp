#include "option_value.hpp"

#include "ascii.hpp"
#include "errors.hpp"
#include "edit_distance.hpp"
#include "language_code.hpp"

#include <algorithm>

namespace yalu {
std::optional<std::string_view> find_choice(std::string_view value,
                                            std::initializer_list<std::string_view> choices) {
    const std::string word = ascii::to_lower(ascii::trim(value));
    for (const std::string_view choice : choices)
        if (word == choice) return choice;
    return std::nullopt;
}

std::string option_choice(std::string_view option, std::string_view value,
                          std::initializer_list<std::string_view> choices) {
    if (const auto choice = find_choice(value, choices)) return std::string(*choice);
    // "a, b or c"
    std::string listed;
    std::size_t left = choices.size();
    for (const std::string_view choice : choices) {
        --left;
        listed += std::string(choice) + (left > 1 ? ", " : left == 1 ? " or " : "");
    }
    throw UsageError(std::string(option) + " must be " + listed + ", not '" + std::string(value) +
                     "'");
}

std::string option_language(std::string_view option, std::string_view value) {
    if (auto code = language_code(ascii::trim(value))) return *code;
    throw UsageError(std::string(option) +
                     " must be a two- or three-letter language code such as en or ko (EN, en-US "
                     "and kor are read as en, en and ko), not '" +
                     std::string(value) + "'");
}

void require_value(std::string_view option, std::string_view value, std::string_view takes,
                   std::string_view unset) {
    if (!ascii::trim(value).empty()) return;
    throw UsageError(std::string(option) + " needs " + std::string(takes) +
                     ", not an empty value (leave the option out for " + std::string(unset) + ")");
}

std::string option_suggestion(std::string_view typed, const std::vector<std::string>& names) {
    std::string_view name = typed.substr(0, typed.find('='));
    while (!name.empty() && name.front() == '-') name.remove_prefix(1);
    if (name.empty()) return {};
    std::vector<std::string_view> near;
    for (const std::string& option : names)
        if (option.size() > name.size() && std::string_view(option).substr(0, name.size()) == name)
            near.push_back(option);
    if (near.empty()) {
        std::size_t best = std::max<std::size_t>(1, name.size() / 3);
        for (const std::string& option : names) {
            const std::size_t d = edit_distance(name, std::string_view(option));
            if (d > best) continue;
            if (d < best) near.clear();
            best = d;
            near.push_back(option);
        }
    }
    if (near.empty() || near.size() > 3) return {};
    std::string listed;
    for (std::size_t i = 0; i < near.size(); ++i)
        listed += (i == 0                 ? ""
                   : i + 1 == near.size() ? " or "
                                          : ", ") +
                  std::string("--") + std::string(near[i]);
    return "; did you mean " + listed + "?";
}

}  // namespace yalu
