#include "byline.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <cctype>

namespace yalu {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && ascii::is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && ascii::is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool is_local_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '%' ||
           c == '+' || c == '-';
}

bool is_domain_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
}

bool starts_with_by(std::string_view s) {
    return s.size() > 3 && (s[0] == 'B' || s[0] == 'b') && (s[1] == 'y' || s[1] == 'Y') &&
           ascii::is_space(s[2]);
}

// Marks where addresses were cut out of a credit (Byline::parse).
constexpr char cut = '\x1f';

// Replaces bracket pairs left empty once the addresses are cut out by a cut mark, which still
// separates two authors: "Ahn Sung-mi ( )" -> "Ahn Sung-mi <cut>".
std::string drop_empty_brackets(std::string s) {
    bool changed = true;
    while (changed) {
        changed = false;
        for (const auto& [open, close] :
             {std::pair{'(', ')'}, std::pair{'<', '>'}, std::pair{'[', ']'}}) {
            for (std::size_t p = s.find(open); p != std::string::npos && !changed;
                 p = s.find(open, p + 1)) {
                std::size_t q = p + 1;
                while (q < s.size() && (ascii::is_space(s[q]) || s[q] == cut)) ++q;
                if (q < s.size() && s[q] == close) {
                    s.replace(p, q - p + 1, 1, cut);
                    changed = true;
                }
            }
        }
    }
    return s;
}

}  // namespace

Byline Byline::parse(std::string_view text) {
    Byline out;
    std::string_view s = trim(text);
    if (starts_with_by(s)) s = trim(s.substr(3));
    std::string rest(s);
    // Every address is cut out (several authors give several); the first is the e-mail. Each
    // leaves a separator behind, so the names around it stay apart.
    for (std::size_t from = 0, at; (at = rest.find('@', from)) != std::string::npos;) {
        std::size_t begin = at;
        while (begin > 0 && is_local_char(rest[begin - 1])) --begin;
        std::size_t end = at + 1;
        while (end < rest.size() && is_domain_char(rest[end])) ++end;
        while (end > at + 1 && rest[end - 1] == '.') --end;  // a full stop after the address
        const std::string candidate = rest.substr(begin, end - begin);
        if (begin < at && candidate.find('.', at - begin) != std::string::npos) {
            if (out.email.empty()) out.email = candidate;
            rest.replace(begin, end - begin, 1, cut);
            from = begin + 1;
        } else {
            from = at + 1;
        }
    }
    rest = drop_empty_brackets(rest);
    // The authors: pieces between commas, semicolons, slashes and cut addresses, each without
    // its Korean title (기자 "reporter", 특파원 "correspondent"), a leading "and", or a job
    // description in lower case ("staff reporter").
    std::string names;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= rest.size(); ++i) {
        if (i < rest.size() && rest[i] != ',' && rest[i] != ';' && rest[i] != '/' && rest[i] != cut)
            continue;
        std::string_view name = trim(std::string_view(rest).substr(start, i - start));
        start = i + 1;
        for (std::string_view suffix : {std::string_view("기자"), std::string_view("특파원")}) {
            if (name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix)
                name = trim(name.substr(0, name.size() - suffix.size()));
        }
        for (std::string_view joiner : {std::string_view("and "), std::string_view("& ")}) {
            if (name.substr(0, joiner.size()) == joiner) name = trim(name.substr(joiner.size()));
        }
        while (!name.empty() && (name.back() == '-' || name.back() == '.')) {
            name = trim(name.substr(0, name.size() - 1));
        }
        const bool named = std::any_of(name.begin(), name.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return std::isupper(u) != 0 || u >= 0x80;
        });
        if (!named) continue;
        if (!names.empty()) names += ", ";
        names += name;
    }
    out.name = std::move(names);
    return out;
}

bool Byline::looks_like_credit(std::string_view text) {
    const std::string_view s = trim(text);
    if (!starts_with_by(s) || s.size() > 160) return false;
    const Byline b = parse(s);
    if (b.name.empty()) return false;
    // A name is a few capitalised words (or Hangul); a sentence starting "By" is not a credit.
    std::size_t words = 0;
    std::size_t i = 0;
    const std::string& n = b.name;
    while (i < n.size()) {
        while (i < n.size() && n[i] == ' ') ++i;
        if (i >= n.size()) break;
        const auto c = static_cast<unsigned char>(n[i]);
        const bool capital = std::isupper(c) != 0 || c >= 0x80;
        const bool joiner = n.compare(i, 4, "and ") == 0 || n.compare(i, 4, "and") == 0;
        if (!capital && !joiner) return false;
        ++words;
        while (i < n.size() && n[i] != ' ') ++i;
    }
    return words >= 1 && words <= 8;
}

}  // namespace yalu
