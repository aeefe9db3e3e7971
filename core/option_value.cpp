#include "option_value.hpp"

#include "ascii.hpp"
#include "errors.hpp"
#include "language_code.hpp"

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

}  // namespace yalu
