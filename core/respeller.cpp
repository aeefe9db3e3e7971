#include "respeller.hpp"

#include "ascii.hpp"
#include "entity.hpp"
#include "gazetteer.hpp"
#include "spelling_variants.hpp"
#include "thesaurus.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace yalu {

namespace {

// The first word of `name` in lower case when it is ASCII letters (Komdok Mining Complex:
// komdok), else empty: a name's first word is its own (Komdok), its later ones often generic
// English (Mining, Complex, Region).
std::string first_word(std::string_view name) {
    std::size_t end = 0;
    while (end < name.size() && ascii::is_alpha(name[end])) ++end;
    if (end == 0 || (end < name.size() && !ascii::is_space(name[end]) && name[end] != '-'))
        return {};
    std::string word(name.substr(0, end));
    for (char& c : word) c = ascii::to_lower(c);
    return word;
}

// Calls `f` with each run of ASCII letters in `text`, in lower case (Kim Yo-jong: kim, yo,
// jong).
template <class F>
void for_each_ascii_word(std::string_view text, F&& f) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t end = i;
        while (end < text.size() && ascii::is_alpha(text[end])) ++end;
        if (end > i) {
            std::string word(text.substr(i, end - i));
            for (char& c : word) c = ascii::to_lower(c);
            f(word);
        }
        i = end > i ? end : i + 1;
    }
}

}  // namespace

Respeller::Respeller(const Xapian::Database& db, Xapian::Stem stemmer, const Gazetteer* gazetteer,
                     const Thesaurus* thesaurus)
    : db_(db), stemmer_(std::move(stemmer)), gazetteer_(gazetteer), thesaurus_(thesaurus) {}

bool Respeller::names_word(const std::string& lower) const {
    std::call_once(names_once_, [&] {
        const auto add = [&](std::string_view name) {
            if (std::string word = first_word(name); !word.empty())
                name_words_.insert(std::move(word));
        };
        for (const auto& entity : gazetteer_->entities())
            for (const auto& alias : entity.aliases) add(alias.text);
        if (thesaurus_)
            for (const auto& group : thesaurus_->groups())
                for (const auto& term : group) add(term);
    });
    return name_words_.count(lower) > 0;
}

bool Respeller::one_letter_from_another_word(const std::string& lower,
                                             const std::vector<std::string>& spellings) const {
    // Every word one deletion, insertion, substitution or swap of neighbours away.
    std::vector<std::string> near;
    for (std::size_t i = 0; i <= lower.size(); ++i) {
        if (i < lower.size()) near.push_back(lower.substr(0, i) + lower.substr(i + 1));
        if (i + 1 < lower.size()) {
            std::string swapped = lower;
            std::swap(swapped[i], swapped[i + 1]);
            near.push_back(std::move(swapped));
        }
        for (char c = 'a'; c <= 'z'; ++c) {
            near.push_back(lower.substr(0, i) + c + lower.substr(i));
            if (i < lower.size() && lower[i] != c) {
                std::string changed = lower;
                changed[i] = c;
                near.push_back(std::move(changed));
            }
        }
    }
    return std::any_of(near.begin(), near.end(), [&](const std::string& w) {
        return std::find(spellings.begin(), spellings.end(), w) == spellings.end() &&
               db_.term_exists(w);
    });
}

std::string Respeller::respelled(std::string_view word) const {
    // Only a name, capitalized as names are (an absent lower-case word is more often an
    // English word: readership is no romanization of leadership); acronyms and operators in
    // capitals (NAPA, AND) are none.
    if (word.size() < 4 || !ascii::is_upper(word.front()) ||
        std::none_of(word.begin(), word.end(), ascii::is_lower) ||
        std::any_of(word.begin(), word.end(), ascii::is_digit))
        return std::string(word);
    std::string lower(word);
    for (char& c : lower) c = ascii::to_lower(c);
    // A word the archive holds in some form is meant as typed (jailing: jail, jailed).
    std::string stem = "Z";
    stem += stemmer_(lower);  // (not "Z" + ...: GCC 12 warns falsely)
    if (db_.term_exists(lower) || db_.term_exists(stem) || names_word(lower))
        return std::string(word);
    const std::vector<std::string> spellings = SpellingVariants::romanized(lower);
    if (spellings.size() < 2 || one_letter_from_another_word(lower, spellings))
        return std::string(word);
    std::string best;
    Xapian::doccount best_count = 0;
    for (const std::string& spelling : spellings) {
        if (spelling == lower || !names_word(spelling)) continue;
        if (const Xapian::doccount n = db_.get_termfreq(spelling); n > best_count) {
            best = spelling;
            best_count = n;
        }
    }
    if (best.empty()) return std::string(word);
    best.front() = ascii::to_upper(best.front());  // capitalized, as typed
    return best;
}

std::string Respeller::respell_names(std::string_view text,
                                     std::vector<Respelling>& changes) const {
    // The runs of ASCII letters: where each starts and ends.
    std::vector<std::pair<std::size_t, std::size_t>> words;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t end = i;
        while (end < text.size() && ascii::is_alpha(text[end])) ++end;
        if (end > i) words.emplace_back(i, end);
        i = end > i ? end : i + 1;
    }
    // A word continues a name after one space before a capital, or after a hyphen (Yeo-jong).
    const auto joins = [&](std::size_t k) {
        const auto [a_begin, a_end] = words[k - 1];
        const std::size_t b_begin = words[k].first;
        return b_begin == a_end + 1 &&
               (text[a_end] == '-' || (text[a_end] == ' ' && ascii::is_upper(text[b_begin])));
    };
    std::string out;
    std::size_t copied = 0;
    for (std::size_t i = 0; i < words.size();) {
        std::size_t run = 1;
        while (ascii::is_upper(text[words[i].first]) && run < 4 && i + run < words.size() &&
               joins(i + run))
            ++run;
        // The longest run of two words or more that is, or can be respelled as, a name.
        std::size_t taken = 1;
        for (std::size_t n = run; n >= 2; --n) {
            const std::string_view typed =
                text.substr(words[i].first, words[i + n - 1].second - words[i].first);
            if (!gazetteer_->lookup(typed).empty()) {
                taken = n;  // a name as written
                break;
            }
            std::string found = archive_name(typed);
            if (found.empty()) continue;
            out.append(text.substr(copied, words[i].first - copied));
            out += found;
            copied = words[i + n - 1].second;
            changes.emplace_back(std::string(typed), std::move(found));
            taken = n;
            break;
        }
        i += taken;
    }
    out.append(text.substr(copied));
    return out;
}

std::string Respeller::archive_name(std::string_view typed) const {
    // Every spelling of the name, word by word, while they are few.
    constexpr std::size_t most_spellings = 1024;
    std::vector<std::string> names{std::string()};
    for_each_ascii_word(typed, [&](const std::string& lower) {
        if (names.size() > most_spellings) return;
        std::vector<std::string> next;
        for (const auto& head : names)
            for (const auto& w : SpellingVariants::romanized(lower, most_spellings))
                next.push_back(head.empty() ? w : head + " " + w);
        names = std::move(next);
    });
    if (names.size() > most_spellings) return {};
    // The one entity the spellings name, in the spelling the archive writes most (its rarest
    // word the most common: Kim Yo Jong, not the alias Kim Yeo Jeong).
    std::string found;
    Xapian::doccount found_count = 0;
    const Entity* entity = nullptr;
    for (const auto& name : names) {
        const auto hits = gazetteer_->lookup(name);
        if (hits.empty()) continue;
        if (hits.size() > 1 || (entity && hits.front() != entity)) return {};  // ambiguous
        entity = hits.front();
        Xapian::doccount rarest = db_.get_doccount();
        for_each_ascii_word(
            name, [&](const std::string& w) { rarest = std::min(rarest, db_.get_termfreq(w)); });
        if (found.empty() || rarest > found_count) {
            found = name;
            found_count = rarest;
        }
    }
    // Capitalized as names are written.
    for (std::size_t k = 0; k < found.size(); ++k)
        if (k == 0 || found[k - 1] == ' ') found[k] = ascii::to_upper(found[k]);
    return found;
}

std::string Respeller::respell(std::string_view text, std::vector<Respelling>& changes) const {
    if (!gazetteer_) return std::string(text);
    const std::string named = respell_names(text, changes);
    return ascii::map_words(named, [&](std::string_view word, std::size_t at) {
        // A field's value (title:, person:) is the field's business.
        if (at > 0 && named[at - 1] == ':') return std::string(word);
        std::string out = respelled(word);
        if (out != word && std::none_of(changes.begin(), changes.end(),
                                        [&](const Respelling& r) { return r.first == word; }))
            changes.emplace_back(word, out);
        return out;
    });
}

}  // namespace yalu
