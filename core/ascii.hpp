#pragma once
// ASCII character classes for the parsers (dates, query words, credits): locale-free, unlike
// <cctype>, and never true for a byte of a UTF-8 sequence.

namespace yalu::ascii {

/// '0'-'9'.
[[nodiscard]] constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// 'A'-'Z'.
[[nodiscard]] constexpr bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

/// 'a'-'z' or 'A'-'Z'.
[[nodiscard]] constexpr bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || is_upper(c);
}

/// ASCII white space: ' ', '\t', '\n', '\r', '\f', '\v'.
[[nodiscard]] constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// `c` in lower case when it is an ASCII capital, else `c`.
[[nodiscard]] constexpr char to_lower(char c) {
    return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace yalu::ascii
