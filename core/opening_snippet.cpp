#include "opening_snippet.hpp"

#include "utf8.hpp"

namespace yalu {

namespace {

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
           c == 0x00A0 || c == 0x3000;
}

}  // namespace

std::string opening_snippet(std::string_view body, unsigned chars) {
    std::u32string text;  // white space collapsed, leading and trailing dropped
    bool space = false;
    for (std::size_t pos = 0; pos < body.size();) {
        const char32_t c = utf8::next(body, pos);
        if (is_space(c)) {
            space = !text.empty();
            continue;
        }
        if (space) text.push_back(' ');
        space = false;
        text.push_back(c);
        if (text.size() > chars) break;  // enough to know it must be cut
    }
    const bool cut = text.size() > chars;
    if (cut) {
        text.resize(chars);
        // End at a word's end rather than inside a word, unless that loses over half of it.
        const auto last_space = text.rfind(U' ');
        if (last_space != std::u32string::npos && last_space >= chars / 2) text.resize(last_space);
    }
    std::string out;
    for (const char32_t c : text) {
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else
            utf8::append(out, c);
    }
    if (cut) out += "…";
    return out;
}

}  // namespace yalu
