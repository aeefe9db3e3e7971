#pragma once
// ASCII character classes for the parsers (dates, query words, credits): locale-free, unlike
// <cctype>, and never true for a byte of a UTF-8 sequence.

#include <string>
#include <string_view>

namespace yalu::ascii {

/// '0'-'9'.
[[nodiscard]] constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// 'A'-'Z'.
[[nodiscard]] constexpr bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

/// 'a'-'z'.
[[nodiscard]] constexpr bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

/// 'a'-'z' or 'A'-'Z'.
[[nodiscard]] constexpr bool is_alpha(char c) {
    return is_lower(c) || is_upper(c);
}

/// ASCII white space: ' ', '\t', '\n', '\r', '\f', '\v'.
[[nodiscard]] constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// `text` without the ASCII white space around it.
[[nodiscard]] constexpr std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

/// True when a line ends at byte `i` of `text`: an LF, or a CR not followed by one (classic Mac
/// line ends), so CR LF ends one line. What every reader counts lines by.
[[nodiscard]] constexpr bool ends_line(std::string_view text, std::size_t i) {
    return text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
}

/// `c` in lower case when it is an ASCII capital, else `c`.
[[nodiscard]] constexpr char to_lower(char c) {
    return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `c` in capitals when it is an ASCII lower-case letter, else `c`.
[[nodiscard]] constexpr char to_upper(char c) {
    return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}

/// `text` with its ASCII capitals in lower case.
[[nodiscard]] inline std::string to_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = to_lower(c);
    return out;
}

/// `text` with each run of ASCII letters and digits replaced by `f(word, offset)` (a string).
template <class F>
[[nodiscard]] std::string map_words(std::string_view text, F&& f) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t end = i;
        while (end < text.size() && (is_alpha(text[end]) || is_digit(text[end]))) ++end;
        if (end == i) {
            out += text[i++];
            continue;
        }
        out += f(text.substr(i, end - i), i);
        i = end;
    }
    return out;
}

}  // namespace yalu::ascii
