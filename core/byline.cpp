#include "byline.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace yalu {
namespace {

using ascii::trim;

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

// A word that can be part of a name: it starts with a capital, or is Hangul (any non-ASCII).
bool name_word(std::string_view word) {
    return !word.empty() &&
           (ascii::is_upper(word.front()) || static_cast<unsigned char>(word.front()) >= 0x80);
}

// The Korean titles that follow a reporter's name: 기자 "reporter", 특파원 "correspondent".
constexpr std::array<std::string_view, 2> titles = {"기자", "특파원"};

bool is_title(std::string_view word) {
    return std::find(titles.begin(), titles.end(), word) != titles.end();
}

// The middle dots Korean credits join names with before one shared title ("장민주·이도형 기자"):
// U+00B7 and the Hangul letter araea U+318D that Korean keyboards type for it.
constexpr std::array<std::string_view, 2> middle_dots = {"\xC2\xB7", "\xE3\x86\x8D"};

// Adds one author's words to `out`, or nothing when they name no one (a lower-case job
// description such as "staff reporter"). `titled`: a Korean title followed them, so one word
// of names joined by middle dots is that many reporters.
void add_author(const std::vector<std::string_view>& words, bool titled,
                std::vector<std::string>& out) {
    if (titled && words.size() == 1) {
        for (std::string_view dot : middle_dots) {
            if (words.front().find(dot) == std::string_view::npos) continue;
            std::string_view rest = words.front();
            for (std::size_t at; (at = rest.find(dot)) != std::string_view::npos;
                 rest.remove_prefix(at + dot.size()))
                add_author({rest.substr(0, at)}, false, out);
            add_author({rest}, false, out);
            return;
        }
    }
    std::string name;
    for (std::string_view word : words) {
        if (!name.empty()) name += ' ';
        name += word;
    }
    std::string_view kept = trim(name);
    while (!kept.empty() && (kept.back() == '-' || kept.back() == '.'))
        kept = trim(kept.substr(0, kept.size() - 1));
    const bool named = std::any_of(kept.begin(), kept.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return ascii::is_upper(c) || u >= 0x80;
    });
    if (named) out.emplace_back(kept);
}

// The words of `s`, split at ASCII white space.
std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> words;
    for (std::size_t i = 0; i < s.size();) {
        while (i < s.size() && ascii::is_space(s[i])) ++i;
        const std::size_t begin = i;
        while (i < s.size() && !ascii::is_space(s[i])) ++i;
        if (i > begin) words.push_back(s.substr(begin, i - begin));
    }
    return words;
}

// Adds the authors one piece of a credit names. Each may be led by "By", "and" or "&" (a
// second credit line, "Ahn Sung-mi (..) and Kim Arin (..)"), those words stored with no one's
// name; a Korean title ends an author ("박주영 기자 이주형 기자"); a capitalised "By" inside
// starts another ("Ahn Sung-mi By Kim Tae-hoon": two credit lines without addresses); "and" or
// "&" between two names of two words or more joins two authors ("Ahn Sung-mi and Kim Arin"),
// while a shorter side keeps it as a name's own word ("Research and Development Team").
void add_authors(std::string_view piece, std::vector<std::string>& out) {
    const std::vector<std::string_view> words = words_of(piece);
    std::vector<std::string_view> author;
    const auto flush = [&](bool titled) {
        if (!author.empty()) add_author(author, titled, out);
        author.clear();
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string_view word = words[i];
        const bool by = word == "By" || word == "by" || word == "BY";
        const bool joiner = word == "and" || word == "&";
        if (author.empty() && (by || joiner)) continue;
        if (word == "By") {
            flush(false);
        } else if (is_title(word)) {
            flush(true);
        } else if (joiner && author.size() >= 2 &&
                   std::all_of(author.begin(), author.end(), name_word) && i + 2 < words.size() &&
                   name_word(words[i + 1]) && name_word(words[i + 2])) {
            flush(false);
        } else {
            author.push_back(word);
        }
    }
    // A title written against the name ("정하늘기자") ends the last author as well.
    bool titled = false;
    if (!author.empty()) {
        std::string_view& last = author.back();
        for (std::string_view title : titles) {
            if (last.size() > title.size() && last.ends_with(title)) {
                last.remove_suffix(title.size());
                titled = true;
            }
        }
    }
    flush(titled);
}

// Days and months: "By Sunday" or "By March" closing an article is a deadline, not a name.
// ("May" is left out: it is a name too, and "By May, ..." fails on its other words.)
constexpr std::array<std::string_view, 18> calendar_words = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",   "Saturday",
    "Sunday", "January", "February",  "March",    "April",    "June",
    "July",   "August",  "September", "October",  "November", "December"};

// Whether every word of a credit line `s` ("By ..."; its addresses `addressed`) is a credit's:
// names (capitalised, Hangul), "and", "&", "By", addresses and their brackets, initials ("A."),
// and with an address a lower-case job of two words at most after a comma ("By Lee Jung-joo, staff
// reporter (ljj@...)"). Byline::parse drops lower-case pieces, so "By Sunday, the ministry will
// ..." had parsed as the author "Sunday".
bool credit_words(std::string_view s, bool addressed) {
    std::size_t lower_words = 0;
    bool after_comma = false;
    bool first = true;
    const std::vector<std::string_view> words = words_of(s);
    for (std::size_t k = 1; k < words.size(); ++k) {  // words[0] is "By"
        std::string_view word = words[k];
        if (word.find('@') != std::string_view::npos) continue;  // an address, or part of one
        while (!word.empty() && (word.front() == '(' || word.front() == '[' || word.front() == '<'))
            word.remove_prefix(1);
        bool comma = false;
        while (!word.empty() && (word.back() == ')' || word.back() == ']' || word.back() == '>' ||
                                 word.back() == ',' || word.back() == ';' || word.back() == '/')) {
            comma = comma || word.back() == ',' || word.back() == ';' || word.back() == '/';
            word.remove_suffix(1);
        }
        if (word.empty() || word == "and" || word == "&" || word == "By" || word == "by" ||
            word == "BY") {
            after_comma = after_comma || comma;
            continue;
        }
        const bool last = k + 1 == words.size();
        // A full stop ends a sentence, except after initials ("A.", "Jr.") or the credit's end.
        if (word.back() == '.' && !last && word.size() > 3) return false;
        // A colon may end a Korean credit's role ("영상편집: NAME"), so it is no sentence's mark.
        if (word.back() == '!' || word.back() == '?') return false;
        if (std::any_of(word.begin(), word.end(), [](char c) { return ascii::is_digit(c); }))
            return false;
        const bool name =
            ascii::is_upper(word.front()) || static_cast<unsigned char>(word.front()) >= 0x80;
        if (!name) {
            if (!addressed || !after_comma || ++lower_words > 2 || word.back() == '.') return false;
        } else if (first && !addressed) {
            std::string_view bare = word;
            while (!bare.empty() && bare.back() == '.') bare.remove_suffix(1);
            if (std::find(calendar_words.begin(), calendar_words.end(), bare) !=
                calendar_words.end())
                return false;
        }
        first = false;
        after_comma = after_comma || comma;
    }
    return true;
}

// Whether the word `word` holds one e-mail address between its brackets or punctuation:
// "(sahn@heraldcorp.com)", "Sung-mi(sahn@heraldcorp.com),".
bool holds_address(std::string_view word) {
    const std::size_t open = word.find_last_of("(<[");
    if (open != std::string_view::npos) word.remove_prefix(open + 1);
    const std::size_t close = word.find_first_of(")>],;");
    if (close != std::string_view::npos) word = word.substr(0, close);
    while (!word.empty() && word.back() == '.') word.remove_suffix(1);
    return Byline::is_address(word);
}

// `s` with the white space taken out where a credit wrapped inside an e-mail address (an XML
// <byline> or a JSON Lines "byline" keeps the line break as white space): up to three words
// that Byline::breaks_address() joins into one word holding an address ("(sahn@" +
// "heraldcorp." + "com)"), as the .txt reader joins the lines of such a credit. Words that make
// no address stay apart ("Kim @kmj_herald"), and so does a word before one holding a whole
// address ("(Yonhap kim@yna.co.kr)": a space between two words of one line is mostly a space).
std::string joined_addresses(std::string_view s) {
    if (s.find('@') == std::string_view::npos) return std::string(s);
    const std::vector<std::string_view> words = words_of(s);
    std::string out;
    bool joined_any = false;
    for (std::size_t i = 0; i < words.size();) {
        std::string word(words[i]);
        std::size_t next = i + 1;
        std::string joined = word;
        for (std::size_t j = i + 1; j < words.size() && j < i + 3; ++j) {
            const bool closes_later = std::any_of(
                words.begin() + static_cast<std::ptrdiff_t>(j), words.end(),
                [](std::string_view w) { return w.find(')') != std::string_view::npos; });
            if (holds_address(words[j]) || !Byline::breaks_address(joined, words[j], closes_later))
                break;
            joined += words[j];
            if (holds_address(joined)) {
                word = joined;
                next = j + 1;
            }
        }
        joined_any = joined_any || next > i + 1;
        if (!out.empty()) out += ' ';
        out += word;
        i = next;
    }
    return joined_any ? out : std::string(s);
}

}  // namespace

bool Byline::is_address(std::string_view text) {
    const std::size_t at = text.find('@');
    if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos)
        return false;
    const std::string_view local = text.substr(0, at);
    const std::string_view domain = text.substr(at + 1);
    const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    const bool local_ok = std::all_of(local.begin(), local.end(), [&](char c) {
        return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    });
    const std::size_t dot = domain.find('.');
    const bool domain_ok = std::all_of(domain.begin(), domain.end(),
                                       [&](char c) { return alnum(c) || c == '.' || c == '-'; }) &&
                           dot != std::string_view::npos && dot > 0 && alnum(domain.back());
    return local_ok && domain_ok;
}

bool Byline::breaks_address(std::string_view before, std::string_view after, bool closes_later) {
    const std::size_t space = before.find_last_of(' ');
    const std::string_view last =
        space == std::string_view::npos ? before : before.substr(space + 1);
    const bool in_address = last.find('@') != std::string_view::npos;
    const bool open =
        in_address && (last.back() == '@' || last.back() == '.' || last.back() == '-');
    // "(sahn@heraldcorp" + ".com)": the next piece carries on the domain.
    const bool domain_goes_on = in_address && after.size() > 1 && after.front() == '.' &&
                                std::isalnum(static_cast<unsigned char>(after[1])) != 0;
    if (open || domain_goes_on || (!after.empty() && after.front() == '@')) return true;
    const bool paren_open = std::count(before.begin(), before.end(), '(') >
                            std::count(before.begin(), before.end(), ')');
    if (!paren_open || !closes_later) return false;
    std::string_view head = last;
    while (!head.empty() && head.front() == '(') head.remove_prefix(1);
    const std::string_view tail = after.substr(0, after.find_first_of(" )"));
    return !head.empty() && !tail.empty() && is_address(std::string(head) + std::string(tail));
}

Byline Byline::parse(std::string_view text) {
    Byline out;
    const std::string unwrapped = joined_addresses(trim(text));
    std::string_view s = unwrapped;
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
    // The authors: pieces between commas, semicolons, slashes and cut addresses, each split
    // further into the authors it names.
    std::vector<std::string> authors;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= rest.size(); ++i) {
        if (i < rest.size() && rest[i] != ',' && rest[i] != ';' && rest[i] != '/' && rest[i] != cut)
            continue;
        add_authors(std::string_view(rest).substr(start, i - start), authors);
        start = i + 1;
    }
    std::string names;
    for (const std::string& author : authors) {
        if (!names.empty()) names += ", ";
        names += author;
    }
    out.name = std::move(names);
    return out;
}

bool Byline::looks_like_credit(std::string_view text) {
    const std::string_view s = trim(text);
    if (!starts_with_by(s) || s.size() > 160) return false;
    const Byline b = parse(s);
    if (b.name.empty() || !credit_words(s, !b.email.empty())) return false;
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
