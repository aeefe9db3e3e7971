#include "name_tally.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <set>

namespace yalu {
namespace {

using ascii::is_alpha;
using ascii::is_lower;
using ascii::is_upper;

bool capitalized(const std::string& w) {
    return !w.empty() && is_upper(w[0]) && std::any_of(w.begin(), w.end(), is_lower);
}

std::string lower(const std::string& w) {
    return ascii::to_lower(std::string_view(w));
}

// Words that start sentences or stand before names far more often than names do, whatever the
// counts say (month names are capitalised everywhere; "Comrade" is a title written capitalised).
bool is_function_word(const std::string& w) {
    static const std::set<std::string, std::less<>> words = {
        "The",       "A",         "An",       "In",        "On",        "At",        "But",
        "And",       "For",       "As",       "If",        "It",        "This",      "That",
        "These",     "Those",     "He",       "She",       "They",      "We",        "I",
        "His",       "Her",       "Their",    "Our",       "Its",       "Mr",        "Ms",
        "Mrs",       "Dr",        "By",       "From",      "With",      "When",      "While",
        "After",     "Before",    "Since",    "According", "Meanwhile", "However",   "Also",
        "There",     "Here",      "What",     "Who",       "Why",       "How",       "Monday",
        "Tuesday",   "Wednesday", "Thursday", "Friday",    "Saturday",  "Sunday",    "January",
        "February",  "March",     "April",    "May",       "June",      "July",      "August",
        "September", "October",   "November", "December",  "Comrade",   "President", "Chairman",
        "Minister",  "Premier",   "Jan",      "Feb",       "Mar",       "Apr",       "Jun",
        "Jul",       "Aug",       "Sep",      "Sept",      "Oct",       "Nov",       "Dec"};
    return words.count(w) > 0;
}

// Characters after which a word starts a sentence (or a quotation, heading or list item).
bool opens_sentence(char c) {
    return c == '\0' || c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '\n' ||
           c == '"' || c == '(' || c == '[' || (static_cast<unsigned char>(c) & 0x80) != 0;
}

void add_document(std::vector<std::uint32_t>& documents, std::uint32_t document) {
    if (documents.empty() || documents.back() != document) documents.push_back(document);
}

}  // namespace

NameTally::NameTally(std::unordered_set<std::string> known_words)
    : known_words_(std::move(known_words)) {}

void NameTally::add(std::string_view text) {
    const std::uint32_t document = documents_++;
    std::vector<std::string> run;
    bool run_initial = false;
    char before = '\0';  // the last character other than a space before the current word
    auto flush = [&] {
        if (!run.empty()) {
            std::string key = run_initial ? "^" : "";
            for (std::size_t i = 0; i < run.size(); ++i) key += (i ? " " : "") + run[i];
            add_document(runs_[key], document);
        }
        run.clear();
    };
    std::string word;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : ' ';
        // Apostrophes and hyphens stay inside words: "People's", "Vice-Minister".
        if (is_alpha(c) || ((c == '-' || c == '\'') && !word.empty())) {
            word += c;
            continue;
        }
        if (!word.empty()) {
            bool possessive = false;
            if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0) {
                word.resize(word.size() - 2);
                possessive = true;
            }
            // "Sino-" of "Sino-DPRK": the first part of a compound, not a name of its own.
            const bool prefix = word.back() == '-';
            while (!word.empty() && (word.back() == '-' || word.back() == '\'')) word.pop_back();
            const bool initial = opens_sentence(before);
            if (capitalized(word) && prefix) {
                flush();
            } else if (capitalized(word)) {
                // A word right before a known name ("Marshal ####") is counted as a title use.
                std::size_t next = i;
                while (next < text.size() && text[next] == ' ') ++next;
                if (next < text.size() && text[next] == '#' && !initial) ++before_name_[word];
                if (!initial) ++capital_[word];
                if (run.empty()) run_initial = initial;
                run.push_back(word);
                if (possessive) flush();  // "Kung Sok Ung's visit": the name ends here
            } else {
                if (!word.empty() && is_lower(word[0])) ++lower_[word];
                flush();
            }
            before = 'a';
            word.clear();
        }
        if (c != ' ') {
            // Punctuation other than a space ends a name ("Pyongyang, Kaesong" are two).
            flush();
            before = c;
        }
    }
    flush();
}

bool NameTally::common(const std::string& word) const {
    const auto low = lower_.find(lower(word));
    if (low == lower_.end()) return false;
    const auto cap = capital_.find(word);
    return low->second * 20 >= (cap == capital_.end() ? 0 : cap->second);
}

bool NameTally::title(const std::string& word) const {
    const auto cap = capital_.find(word);
    const unsigned long capitalised = cap == capital_.end() ? 0 : cap->second;
    const auto named = before_name_.find(word);
    if (named != before_name_.end() && named->second * 2 >= capitalised) return true;
    const auto low = lower_.find(lower(word));
    if (low == lower_.end()) return false;
    return low->second * 2 >= capitalised;
}

bool NameTally::adjective(const std::string& word) const {
    // "Juche-oriented", "Korean-style": a hyphenated part that is an everyday lower-case word.
    for (std::size_t h = word.find('-'); h != std::string::npos; h = word.find('-', h + 1)) {
        const std::size_t end = std::min(word.find('-', h + 1), word.size());
        const std::string part = word.substr(h + 1, end - h - 1);
        if (!part.empty() && is_lower(part[0]) && lower_.count(part) > 0) return true;
    }
    return false;
}

std::string NameTally::name_of(const std::vector<std::string>& run, bool initial) const {
    std::size_t first = 0;
    while (first < run.size() && (is_function_word(run[first]) || title(run[first]) ||
                                  (first == 0 && initial && common(run[first]))))
        ++first;
    const std::size_t n = run.size() - first;
    if (n == 1) {
        // A lone word only where it stood alone inside a sentence.
        const std::string& w = run[first];
        if (run.size() != 1 || initial || common(w) || title(w) || adjective(w) ||
            known_words_.count(lower(w)) > 0)
            return {};
        return w;
    }
    if (n < 2 || n > 4) return {};
    if (std::all_of(run.begin() + static_cast<long>(first), run.end(),
                    [&](const std::string& w) { return common(w); }))
        return {};
    std::string name = run[first];
    for (std::size_t i = first + 1; i < run.size(); ++i) name += " " + run[i];
    return name;
}

std::vector<std::pair<std::string, unsigned long>> NameTally::top(unsigned limit,
                                                                  unsigned min_documents) const {
    std::unordered_map<std::string, std::vector<std::uint32_t>> names;
    std::vector<std::string> run;
    for (const auto& [key, documents] : runs_) {
        const bool initial = !key.empty() && key[0] == '^';
        run.clear();
        std::size_t start = initial ? 1 : 0;
        while (start <= key.size()) {
            std::size_t end = key.find(' ', start);
            if (end == std::string::npos) end = key.size();
            run.emplace_back(key, start, end - start);
            start = end + 1;
        }
        std::string name = name_of(run, initial);
        if (name.empty()) continue;
        auto& all = names[std::move(name)];
        all.insert(all.end(), documents.begin(), documents.end());
    }
    std::vector<std::pair<std::string, unsigned long>> out;
    for (auto& [name, documents] : names) {
        std::sort(documents.begin(), documents.end());
        const auto n = static_cast<unsigned long>(std::unique(documents.begin(), documents.end()) -
                                                  documents.begin());
        if (n >= min_documents) out.emplace_back(name, n);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace yalu
